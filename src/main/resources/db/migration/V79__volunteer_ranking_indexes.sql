-- The ranking reads the pool's history on every match (docs/performance.md, section 6): who was offered
-- something lately, who did not come, who declined what, who is taken in the month. Without these each
-- was a scan of the whole pool or of every offer ever made.
CREATE INDEX volunteer_last_offered_idx ON volunteer (last_offered_at);
CREATE INDEX volunteer_no_shows_idx ON volunteer (no_shows);
CREATE INDEX volunteer_offer_answered_idx ON volunteer_offer (status, answered_at);
CREATE INDEX volunteer_request_occurrence_idx ON volunteer_request (occurrence);
