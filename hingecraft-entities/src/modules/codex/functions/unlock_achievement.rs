use hingecraft::model::{Function, Volatility};

use super::{arg, arg_or, plpgsql};

/// `unlock_achievement(user, achievement, context)`.
pub(super) fn function() -> Function {
    plpgsql(
        "unlock_achievement",
        "Unlocks an achievement for a user: marks their user_achievements row unlocked (creating \
         it if needed) with progress at the target and the achievement's points, then adds the \
         points and one unlocked achievement to the user's user_stats in the achievement's \
         workspace (creating the row if needed; the level follows through \
         update_experience_level). Returns true when it unlocked, false when the user already \
         had it: calling it twice changes nothing. Fails on an unknown or retired achievement.",
        vec![
            arg("p_user_id", "uuid"),
            arg("p_achievement_id", "uuid"),
            arg_or("p_context", "jsonb", "'{}'::jsonb"),
        ],
        "boolean",
        Volatility::Volatile,
        r#"
DECLARE
    v_achievement achievements%ROWTYPE;
    v_unlocked uuid;
BEGIN
    SELECT * INTO v_achievement FROM achievements WHERE id = p_achievement_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unlock_achievement: no achievement %', p_achievement_id
            USING ERRCODE = 'no_data_found';
    END IF;
    IF NOT v_achievement.is_active THEN
        RAISE EXCEPTION 'unlock_achievement: achievement % is retired', v_achievement.code
            USING ERRCODE = 'check_violation';
    END IF;

    -- One statement decides, so two concurrent unlocks cannot both win:
    -- the row is created unlocked, or an in-progress row is switched, or
    -- nothing happens (already unlocked) and no id comes back.
    INSERT INTO user_achievements AS ua
           (workspace_id, user_id, achievement_id, status, progress, unlocked_at, points_awarded, context)
    VALUES (v_achievement.workspace_id, p_user_id, p_achievement_id, 'unlocked',
            v_achievement.target_value, now(), v_achievement.points, coalesce(p_context, '{}'::jsonb))
    ON CONFLICT (user_id, achievement_id) DO UPDATE
       SET status = 'unlocked',
           progress = greatest(ua.progress, EXCLUDED.progress),
           unlocked_at = EXCLUDED.unlocked_at,
           points_awarded = EXCLUDED.points_awarded,
           context = EXCLUDED.context
     WHERE ua.status <> 'unlocked'
    RETURNING ua.id INTO v_unlocked;

    IF v_unlocked IS NULL THEN
        RETURN false;
    END IF;

    INSERT INTO user_stats AS us (workspace_id, user_id, experience_points, achievements_unlocked)
    VALUES (v_achievement.workspace_id, p_user_id, v_achievement.points, 1)
    ON CONFLICT (workspace_id, user_id) DO UPDATE
       SET experience_points = us.experience_points + EXCLUDED.experience_points,
           achievements_unlocked = us.achievements_unlocked + 1;
    RETURN true;
END
"#,
    )
}
