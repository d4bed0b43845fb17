package org.opora.documents;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of documents live. The database store is the default; an S3-compatible store can
 * replace it by configuration ({@code opora.documents.store}). Keys are made by the store, never
 * from anything a client sent. Implementations stream: no method holds a whole file in memory.
 */
public interface DocumentStore {

    /** Stores the content and returns its key; runs in the caller's transaction where the store is transactional. */
    String write(InputStream content) throws IOException;

    /** The content stored under the key, read as it is consumed. */
    InputStream read(String key);

    void delete(String key);
}
