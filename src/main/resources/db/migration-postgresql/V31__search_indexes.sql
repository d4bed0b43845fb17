-- Full-text search in Russian (issue 12): expression indexes over the searched columns, so they
-- are up to date in the same transaction as the data. The expressions must stay exactly those of
-- org.opora.search.PostgresSearch, or PostgreSQL will not use the indexes.
CREATE INDEX letter_search_idx ON letter USING gin ((
    setweight(to_tsvector('russian', coalesce(subject, '')), 'A')
    || setweight(to_tsvector('russian', coalesce(topic, '') || ' ' || coalesce(region, '')), 'B')
    || setweight(to_tsvector('russian', coalesce(text, '') || ' ' || coalesce(answer_summary, '')), 'C')));

CREATE INDEX grant_application_search_idx ON grant_application USING gin ((
    setweight(to_tsvector('russian', coalesce(project_title, '')), 'A')
    || setweight(to_tsvector('russian', coalesce(topic, '') || ' ' || coalesce(region, '') || ' ' || coalesce(target_group, '')), 'B')
    || setweight(to_tsvector('russian', coalesce(summary, '')), 'C')));

CREATE INDEX volunteer_request_search_idx ON volunteer_request USING gin ((
    setweight(to_tsvector('russian', coalesce(title, '')), 'A')
    || setweight(to_tsvector('russian', coalesce(place, '') || ' ' || coalesce(district, '') || ' ' || coalesce(city, '')), 'B')
    || setweight(to_tsvector('russian', coalesce(what, '') || ' ' || coalesce(why, '')), 'C')));

CREATE INDEX public_body_search_idx ON public_body USING gin ((
    setweight(to_tsvector('russian', coalesce(name, '')), 'A')
    || setweight(to_tsvector('russian', coalesce(region, '') || ' ' || coalesce(topics, '')), 'B')
    || setweight(to_tsvector('russian', coalesce(address, '')), 'C')));

CREATE INDEX document_search_idx ON document USING gin ((
    setweight(to_tsvector('russian', coalesce(name, '')), 'A')
    || setweight(to_tsvector('russian', coalesce(text_content, '')), 'C')));
