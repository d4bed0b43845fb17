-- A centre's public page (issue 10): off until the centre publishes something. Each part is chosen
-- on its own: the results of decided competitions, and the public bodies' record on letters.
ALTER TABLE resource_centre ADD COLUMN publishes_grant_results BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE resource_centre ADD COLUMN publishes_letter_record BOOLEAN DEFAULT FALSE NOT NULL;
