package org.opora.system;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows of one kind read once per transaction, by key: every listener, gateway, due-date and timer expression of a
 * step asks for the same case, competition, application or review again (docs/performance.md, figure 1). The owner
 * forgets a row whenever it writes it, so a transaction always sees its own writes; outside a transaction every
 * read goes to the database. What another transaction commits meanwhile is seen by the next transaction, as a
 * step that read the row once at its start would.
 */
public final class TransactionReads<K, V> {

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

    /** Keeps a row read by another key (a case by its process instance, also by its id) for this transaction. */
    public void remember(K id, V value) {
        Map<K, V> read = readInThisTransaction();
        if (read != null && value != null) {
            read.put(id, value);
        }
    }

    /** Called on every write of the row: the next read in this transaction goes to the database. */
    public void forget(K id) {
        Map<K, V> read = readInThisTransaction();
        if (read != null) {
            read.remove(id);
        }
    }

    /** Called on a write that may change any row of this kind (or when the owner cannot tell which one). */
    public void forgetAll() {
        Map<K, V> read = readInThisTransaction();
        if (read != null) {
            read.clear();
        }
    }

    private Map<K, V> readInThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Held<?, ?> held && held.owner == this) {
                @SuppressWarnings("unchecked")
                Map<K, V> rows = (Map<K, V>) held.rows;
                return rows;
            }
        }
        Held<K, V> held = new Held<>(this);
        TransactionSynchronizationManager.registerSynchronization(held);
        return held.rows;
    }

    /**
     * One transaction's rows of this kind, held as a synchronization of that transaction (as {@code CaseRepository}
     * holds its cases): a transaction suspended for a new one (REQUIRES_NEW) takes them along, so the inner one reads
     * for itself, and they go with the transaction's end.
     */
    private static final class Held<K, V> implements TransactionSynchronization {

        final TransactionReads<K, V> owner;
        final Map<K, V> rows = new HashMap<>();

        Held(TransactionReads<K, V> owner) {
            this.owner = owner;
        }
    }
}
