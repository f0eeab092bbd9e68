namespace Qiwi.Samples.Shop.Data;

/// <summary>
/// The schema, as numbered migrations (append a new one; never edit one that has shipped). The SQL is the
/// common subset of SQLite and PostgreSQL: amounts in kopecks (BIGINT), times in Unix milliseconds (BIGINT).
/// </summary>
internal static class Schema
{
    /// <summary>The advisory lock that serializes migrations of instances starting together on PostgreSQL.</summary>
    public const long MigrationLockKey = 0x5157_5348_4F50_0001;

    /// <summary>The advisory lock held by the node that runs reconciliation.</summary>
    public const long ReconciliationLockKey = 0x5157_5348_4F50_0002;

    public static readonly IReadOnlyList<(int Version, string Sql)> Migrations =
    [
        (1, """
            CREATE TABLE orders (
                id VARCHAR(40) PRIMARY KEY,
                customer VARCHAR(40) NOT NULL,
                product VARCHAR(200) NOT NULL,
                phone VARCHAR(20) NOT NULL,
                amount_kopecks BIGINT NOT NULL,
                status VARCHAR(16) NOT NULL,
                problem VARCHAR(500) NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                next_check_at BIGINT NOT NULL,
                check_attempts INTEGER NOT NULL
            );
            CREATE INDEX orders_due ON orders (status, next_check_at);
            CREATE INDEX orders_customer ON orders (customer, created_at);

            -- One row per final (or waiting) status applied to an order: the primary key makes a second
            -- application of the same status impossible, whatever raced.
            CREATE TABLE order_events (
                order_id VARCHAR(40) NOT NULL REFERENCES orders (id),
                status VARCHAR(16) NOT NULL,
                source VARCHAR(16) NOT NULL,
                applied_at BIGINT NOT NULL,
                PRIMARY KEY (order_id, status)
            );

            CREATE TABLE refunds (
                order_id VARCHAR(40) NOT NULL REFERENCES orders (id),
                refund_id VARCHAR(9) NOT NULL,
                amount_kopecks BIGINT NOT NULL,
                status VARCHAR(16) NOT NULL,
                problem VARCHAR(500) NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                next_check_at BIGINT NOT NULL,
                check_attempts INTEGER NOT NULL,
                PRIMARY KEY (order_id, refund_id)
            );
            CREATE INDEX refunds_due ON refunds (status, next_check_at);

            CREATE TABLE applied_notifications (
                notification_key VARCHAR(64) PRIMARY KEY,
                applied_at BIGINT NOT NULL
            );

            CREATE TABLE data_protection_keys (
                name VARCHAR(100) PRIMARY KEY,
                xml TEXT NOT NULL
            );
            """),
        (2, """
            -- Reconciliation deletes applied-notification keys older than the retention.
            CREATE INDEX applied_notifications_age ON applied_notifications (applied_at);
            """),
        (3, """
            -- The admin pages walk the orders newest first (keyset paging on created_at, id).
            CREATE INDEX orders_created ON orders (created_at, id);
            """),
    ];
}
