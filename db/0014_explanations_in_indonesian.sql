-- Explanations in Bahasa Indonesia as well as English. summary_indonesian is the summary sentence in Indonesian,
-- and each factor in explanation gets "textIndonesian" beside "text" (English); both are written with every new
-- suggestion. Rows written before have neither (null here): they are served in English until a recompute or the
-- nightly refresh rewrites them (rows a person acted on keep their English explanation).
-- Not "summary_id": in this table a column ending in _id is a foreign key.
alter table suggestions add column summary_indonesian text;
