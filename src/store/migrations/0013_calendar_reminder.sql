-- 0013_calendar_reminder: which compliance calendar items an enterprise has
-- been reminded of (issue 6), so the in-app digest names each due date once
-- however often the reminder job or the dashboard runs it. The item is its
-- obligation, period and due date (an extension moves the date, and then it
-- is a new reminder).
CREATE TABLE calendar_reminder (
    enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
    obligation TEXT NOT NULL,
    period TEXT NOT NULL,
    due_on TEXT NOT NULL,
    reminded_on TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, obligation, period, due_on)
);
