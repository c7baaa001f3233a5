-- 0026_application_state_ref: every row that names an application also
-- names the application's state (`application.gst_state`, the enterprise's
-- place when it applied, which never changes afterwards).
--
-- Why: on PostgreSQL the application table is partitioned by that state
-- (0027_partition_application_audit.pg.sql), and a partitioned table's
-- unique keys must contain its partition key, so a foreign key to it is
-- (id, gst_state), not id alone. The column is added on both backends so the
-- store's SQL stays one text; SQLite keeps its foreign key on id.
-- The store fills it in the same INSERT from the application row itself.
ALTER TABLE application_event ADD COLUMN application_gst_state TEXT;
ALTER TABLE grievance ADD COLUMN application_gst_state TEXT;
ALTER TABLE notification ADD COLUMN application_gst_state TEXT;

UPDATE application_event SET application_gst_state =
    (SELECT gst_state FROM application WHERE application.id = application_event.application_id);
UPDATE grievance SET application_gst_state =
    (SELECT gst_state FROM application WHERE application.id = grievance.application_id)
    WHERE application_id IS NOT NULL;
UPDATE notification SET application_gst_state =
    (SELECT gst_state FROM application WHERE application.id = notification.application_id)
    WHERE application_id IS NOT NULL;
