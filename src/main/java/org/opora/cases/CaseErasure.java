package org.opora.cases;

/**
 * What a feature erases of a case when the case's retention ends (ADR 16): its documents, the
 * personal data of people outside Opora's users. A feature registers one as a bean; it runs in the
 * transaction that marks the case as erased, so a case is erased whole or not at all.
 */
public interface CaseErasure {

    void erase(CaseRecord record);
}
