//! Notifications and alerts.

use hingecraft::query::Scope;
use hingecraft_platform::entities::codex_api::{self as api, NewAlert, NewNotification};
use uuid::Uuid;

use crate::{count, exec, session, setup};
use hingecraft_test_harness::pg_test_db;

#[tokio::test]
async fn send_user_notification_and_mark_as_read_change_the_unread_count() {
    let Some(pg) = pg_test_db!() else { return };
    let f = setup(pg.conn()).await;
    let db = &session(pg.url(), Scope::workspace(f.ws).user(f.admin)).await;
    let note = |title: &str, priority: &str| NewNotification {
        workspace_id: f.ws,
        user_id: f.member,
        notification_type: "system".into(),
        title: title.into(),
        body: None,
        channel: "in_app".into(),
        priority: priority.into(),
        action_url: None,
        alert_id: None,
        data: serde_json::json!({}),
    };
    let normal = api::send_user_notification(db, &note("welcome", "normal"))
        .await
        .unwrap();
    let urgent = api::send_user_notification(db, &note("quota", "urgent"))
        .await
        .unwrap();
    let email = api::send_user_notification(
        db,
        &NewNotification {
            channel: "email".into(),
            ..note("digest", "low")
        },
    )
    .await
    .unwrap();
    let unread = api::get_user_unread_notifications(db, f.member, f.ws, 50)
        .await
        .unwrap();
    assert_eq!(
        unread.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![urgent, normal, email]
    );
    assert_eq!(unread[0].status, "delivered");
    assert_eq!(unread[2].status, "pending");

    assert!(
        api::mark_notification_as_read(db, urgent, f.member)
            .await
            .unwrap()
    );
    assert!(
        !api::mark_notification_as_read(db, urgent, f.member)
            .await
            .unwrap(),
        "already read"
    );
    assert!(
        !api::mark_notification_as_read(db, normal, f.admin)
            .await
            .unwrap(),
        "not the admin's"
    );
    let unread = api::get_user_unread_notifications(db, f.member, f.ws, 50)
        .await
        .unwrap();
    assert_eq!(
        unread.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![normal, email]
    );

    // Only active members of the workspace, and only the session's workspace.
    let outsider = NewNotification {
        user_id: Uuid::from_u128(0x77),
        ..note("x", "low")
    };
    assert!(api::send_user_notification(db, &outsider).await.is_err());
    let other = session(pg.url(), Scope::workspace(Uuid::from_u128(0x200))).await;
    let err = api::send_user_notification(&other, &note("x", "low"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not the session"), "{err}");
    // Without a scope the function refuses too.
    let err = api::send_user_notification(pg.conn(), &note("x", "low"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not the session"), "{err}");
}

fn alert(ws: Uuid, severity: &str, key: Option<&str>) -> NewAlert {
    NewAlert {
        workspace_id: ws,
        alert_type: "quota".into(),
        severity: severity.into(),
        title: format!("{severity} alert"),
        message: Some("storage at 95%".into()),
        dedup_key: key.map(Into::into),
        source: "rule".into(),
        source_agent_id: None,
        details: serde_json::json!({"used": 95}),
    }
}

#[tokio::test]
async fn create_system_alert_deduplicates_on_its_key_and_notifies_admins() {
    let Some(pg) = pg_test_db!() else { return };
    let f = setup(pg.conn()).await;
    let db = &session(pg.url(), Scope::workspace(f.ws).user(f.admin)).await;
    let first = api::create_system_alert(db, &alert(f.ws, "medium", Some("quota:storage")))
        .await
        .unwrap();
    assert_eq!(first.occurrence_count, 1);
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM user_notifications").await,
        0,
        "medium notifies nobody"
    );
    let again = api::create_system_alert(db, &alert(f.ws, "critical", Some("quota:storage")))
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(again.occurrence_count, 2);
    assert_eq!(again.severity, "critical", "the higher severity is kept");
    let lower = api::create_system_alert(db, &alert(f.ws, "low", Some("quota:storage")))
        .await
        .unwrap();
    assert_eq!(
        (lower.id, lower.occurrence_count, lower.severity.as_str()),
        (first.id, 3, "critical")
    );
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM system_alerts").await,
        1
    );

    // Resolved: the key is free again. A new high alert notifies the owner
    // and the admin, not the member.
    exec(
        db,
        &format!(
            "UPDATE system_alerts SET status = 'resolved', resolved_at = now() WHERE id = '{}'",
            first.id
        ),
    )
    .await;
    let fresh = api::create_system_alert(db, &alert(f.ws, "high", Some("quota:storage")))
        .await
        .unwrap();
    assert_ne!(fresh.id, first.id);
    assert_eq!(count(db, &format!("SELECT count(*) AS n FROM user_notifications WHERE alert_id = '{}' AND user_id IN ('{}', '{}') AND priority = 'high'", fresh.id, f.owner, f.admin)).await, 2);
    assert_eq!(
        count(db, "SELECT count(*) AS n FROM user_notifications").await,
        2
    );
    let unkeyed = api::create_system_alert(db, &alert(f.ws, "info", None))
        .await
        .unwrap();
    let unkeyed_again = api::create_system_alert(db, &alert(f.ws, "info", None))
        .await
        .unwrap();
    assert_ne!(unkeyed.id, unkeyed_again.id, "no key, no deduplication");
}

#[tokio::test]
async fn acknowledge_alert_sets_who_and_when_once() {
    let Some(pg) = pg_test_db!() else { return };
    let f = setup(pg.conn()).await;
    let db = &session(pg.url(), Scope::workspace(f.ws).user(f.admin)).await;
    let a = api::create_system_alert(db, &alert(f.ws, "high", None))
        .await
        .unwrap();
    assert!(a.acknowledged_at.is_none());
    assert!(api::acknowledge_alert(db, a.id, f.admin).await.unwrap());
    assert!(
        !api::acknowledge_alert(db, a.id, f.owner).await.unwrap(),
        "the first acknowledgement stands"
    );
    let got = api::get_critical_alerts(db, f.ws, 10).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].status, "acknowledged");
    assert_eq!(got[0].acknowledged_by, Some(f.admin));
    assert!(got[0].acknowledged_at.is_some());
}

#[tokio::test]
async fn get_critical_alerts_returns_unresolved_high_and_critical_critical_first() {
    let Some(pg) = pg_test_db!() else { return };
    let f = setup(pg.conn()).await;
    let db = &session(pg.url(), Scope::workspace(f.ws).user(f.admin)).await;
    let high_old = api::create_system_alert(db, &alert(f.ws, "high", Some("a")))
        .await
        .unwrap();
    let critical = api::create_system_alert(db, &alert(f.ws, "critical", Some("b")))
        .await
        .unwrap();
    let high_new = api::create_system_alert(db, &alert(f.ws, "high", Some("c")))
        .await
        .unwrap();
    api::create_system_alert(db, &alert(f.ws, "medium", Some("d")))
        .await
        .unwrap();
    let resolved = api::create_system_alert(db, &alert(f.ws, "critical", Some("e")))
        .await
        .unwrap();
    exec(
        db,
        &format!(
            "UPDATE system_alerts SET last_occurred_at = now() - interval '1 hour' WHERE id = '{}'",
            high_old.id
        ),
    )
    .await;
    exec(
        db,
        &format!(
            "UPDATE system_alerts SET status = 'dismissed', resolved_at = now() WHERE id = '{}'",
            resolved.id
        ),
    )
    .await;
    let got: Vec<Uuid> = api::get_critical_alerts(db, f.ws, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(got, vec![critical.id, high_new.id, high_old.id]);
}
