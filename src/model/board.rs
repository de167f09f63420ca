//! How many members one printed board holds. A board is exactly one sheet (the content
//! format's promise, and what the print shop is paid for); a team too large for it is told
//! to the clerk by `check` and `build` alike, since the board itself says nothing: board.css
//! never clips, so the cards simply run onto a second sheet.

use super::Unit;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The most current members one board holds. The default theme's board is one design for
/// every paper: board.css writes every length in A4 millimetres times the paper's scale (1 on
/// A4, 2 on A2), so the largest paper the boards use, A2, holds the same cards as A4, only
/// larger, for reading from further away. From 13 members on, partials/board.html lays
/// the cards out five a row at the smallest density (`d-xxs`: a 16 mm photo, name, role,
/// title and organisation beside it, the phone strip below), about 26 mm tall with its
/// border and 1.6 mm between rows. Between the heading band (about 28 mm) and the footer
/// (about 80 mm on a portrait sheet, the QR code alone 62 mm or more; on a landscape sheet
/// it sits in a side column, but the sheet is only 210 mm tall) about 150 mm are left on
/// either orientation, inside the 7 mm margin and the frame: five rows, 25 cards. A 26th
/// starts a sixth row, which no longer fits the sheet. (The print tests print up to 12.)
pub(crate) const MAX_MEMBERS: usize = 25;

/// Warns about every unit whose current team is larger than one board holds.
pub(super) fn warn_crowded(units: &[Unit], out: &mut Diagnostics) {
    for unit in units {
        let members = unit.record.current_team().count();
        if members > MAX_MEMBERS {
            out.push(
                Diagnostic::warning(
                    &unit.record.source,
                    crate::msg!(
                        "model-team-too-large",
                        unit = &unit.name,
                        members = members,
                        max = MAX_MEMBERS
                    ),
                )
                .help(crate::msg!("model-team-too-large-help", max = MAX_MEMBERS)),
            );
        }
    }
}
