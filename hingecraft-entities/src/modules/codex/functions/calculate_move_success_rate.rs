use hingecraft::model::{Function, Volatility};

use super::{arg, plpgsql};

/// `calculate_move_success_rate(workspace, user)`.
pub(super) fn function() -> Function {
    plpgsql(
        "calculate_move_success_rate",
        "Recomputes a user's move_success_rate in user_stats: successful_moves as a percentage of \
         total_moves, rounded to two decimals, 0 when the user has made no moves. Stores it and \
         returns it; NULL when the user has no stats in the workspace.",
        vec![arg("p_workspace_id", "uuid"), arg("p_user_id", "uuid")],
        "numeric",
        Volatility::Volatile,
        r#"
DECLARE
    v_rate numeric;
BEGIN
    UPDATE user_stats
       SET move_success_rate = CASE
               WHEN total_moves = 0 THEN 0
               ELSE round(successful_moves * 100.0 / total_moves, 2)
           END
     WHERE workspace_id = p_workspace_id
       AND user_id = p_user_id
    RETURNING move_success_rate INTO v_rate;
    RETURN v_rate;
END
"#,
    )
}
