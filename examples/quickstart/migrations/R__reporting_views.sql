-- Repeatable: re-applied whenever this file changes.
CREATE OR REPLACE VIEW customer_revenue AS
SELECT c.id, c.name, COALESCE(SUM(o.total), 0) AS revenue
FROM customer c LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.name;
