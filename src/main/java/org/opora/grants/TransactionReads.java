package org.opora.grants;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows of one kind read once per transaction, by id: every listener, gateway, due-date and timer expression of a
 * step asks for the same competition, application or review again (docs/performance.md, figure 1). The owner
 * forgets a row whenever it writes it, so a transaction always sees its own writes; outside a transaction every
 * read goes to the database. What another transaction commits meanwhile is seen by the next transaction, as a
 * step that read the row once at its start would.
 */
public final class TransactionReads<K, V> {

    /** The key of this kind's map among the transaction's resources. */
    private final Object resource = new Object();

    /** The row of this id, read at most once in the transaction; {@code null} if {@code load} found none (not kept). */
    public V get(K id, Function<K, V> load) {
        Map<K, V> read = readInThisTransaction();
        if (read == null) {
            return load.apply(id);
        }
        V value = read.get(id);
        if (value == null) {
            value = load.apply(id);
            if (value != null) {
                read.put(id, value);
            }
        }
        return value;
    }

    /** Called on every write of the row: the next read in this transaction goes to the database. */
    public void forget(K id) {
        Map<K, V> read = readInThisTransaction();
        if (read != null) {
            read.remove(id);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> readInThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<K, V> read = (Map<K, V>) TransactionSynchronizationManager.getResource(resource);
        if (read == null) {
            Map<K, V> created = new HashMap<>();
            TransactionSynchronizationManager.bindResource(resource, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(resource);
                }
            });
            read = created;
        }
        return read;
    }
}
