-- 0021_enterprise_nic: an enterprise's market insights compare it with
-- its NIC group (the first 3 digits of its NIC-2008 code). The peer query
-- read every enterprise to find the group (substr(nic, 1, 3) = ? can use
-- no index); it now asks for the range nic >= '131' AND nic < '132',
-- which this index seeks (docs/insights.md, "Peer query").
CREATE INDEX enterprise_nic ON enterprise(nic);
