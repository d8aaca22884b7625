use hingecraft::model::{Function, Volatility};

use super::plpgsql;

/// `update_experience_level()`: the trigger function of `user_stats`.
pub(super) fn function() -> Function {
    plpgsql(
        "update_experience_level",
        "Trigger function of user_stats (BEFORE INSERT OR UPDATE): sets experience_level from \
         experience_points, level = floor(sqrt(points / 100)) + 1 (level 2 at 100 points, 3 at \
         400, 4 at 900: each level costs more than the last), and level_reached_at whenever the \
         level changes. A level is never set by hand: the points decide it.",
        Vec::new(),
        "trigger",
        Volatility::Volatile,
        r#"
BEGIN
    NEW.experience_level := floor(sqrt(greatest(NEW.experience_points, 0) / 100.0))::integer + 1;
    IF TG_OP = 'INSERT' THEN
        NEW.level_reached_at := coalesce(NEW.level_reached_at, now());
    ELSIF NEW.experience_level IS DISTINCT FROM OLD.experience_level THEN
        NEW.level_reached_at := now();
    ELSE
        NEW.level_reached_at := OLD.level_reached_at;
    END IF;
    RETURN NEW;
END
"#,
    )
}
