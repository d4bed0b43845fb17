package org.opora.search;

import java.util.List;

import org.opora.cases.CaseScope;

/** The database's own way of finding words: PostgreSQL's full-text search, or a plain match elsewhere (H2). */
interface SearchEngine {

    /** The best hits first, only of cases in the scope (and public bodies, which everyone may see). */
    List<SearchHit> search(String query, CaseScope scope, int limit);
}
