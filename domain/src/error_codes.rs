//! Every error code the product answers with: in the API's `error.code` and `details[].code`,
//! in a form's `?loi=`, on an error page, in an import's row errors. A closed set: the app's
//! i18n has a Vietnamese and an English message for each (a test there checks it), and a test
//! reads the sources for codes written anywhere else. A contract with API clients: never
//! rename one, only add.

/// Sorted, so a new code has one place to go.
pub const ALL: &[&str] = &[
    "account_already_linked",
    "account_disabled",
    "already_assisting",
    "already_revoked",
    "assist_ended",
    "attempt_closed",
    "attempt_limit",
    "attempt_open",
    "attempt_time_up",
    "bad_answers",
    "bad_id",
    "bad_item",
    "bad_kind",
    "bad_request",
    "body_too_long",
    "busy",
    "cannot_disable_self",
    "cannot_revoke_own_admin",
    "cell_required",
    "code_too_long",
    "competences_required",
    "confirm_required",
    "conflicting_email",
    "conflicting_name",
    "conflicting_personal_id",
    "conflicting_phone",
    "consent_required",
    "course_code_taken",
    "date_in_future",
    "duplicate_assignment",
    "duplicate_unit_code",
    "empty_file",
    "end_not_after_start",
    "erase_reason_required",
    "erase_reason_too_long",
    "evidence_required",
    "failed_signins_notice",
    "file_too_large",
    "file_type_refused",
    "forbidden",
    "foreign_origin",
    "internal",
    "invalid_as_of",
    "invalid_attempt_limit",
    "invalid_course_code",
    "invalid_credentials",
    "invalid_date",
    "invalid_draw_rule",
    "invalid_email",
    "invalid_expiry",
    "invalid_floor",
    "invalid_format",
    "invalid_input",
    "invalid_kind",
    "invalid_level",
    "invalid_login",
    "invalid_mode",
    "invalid_name",
    "invalid_pass_flag",
    "invalid_pass_mark",
    "invalid_period",
    "invalid_personal_id",
    "invalid_phone",
    "invalid_programme_code",
    "invalid_quiz_code",
    "invalid_score",
    "invalid_time_limit",
    "invalid_token",
    "last_admin",
    "link_contact_invalid",
    "link_not_matched",
    "login_taken",
    "missing_column",
    "name_too_long",
    "no_draw_rule",
    "no_practice",
    "not_enough_questions",
    "not_found",
    "note_too_long",
    "overlapping_period",
    "password_common",
    "password_too_long",
    "password_too_short",
    "payload_too_large",
    "person_already_linked",
    "person_pseudonymised",
    "personal_id_leading_zeros_lost",
    "practice_answers",
    "practice_kind",
    "quiz_code_taken",
    "quiz_has_no_questions",
    "rate_limited",
    "reason_required",
    "record_exists",
    "registration_limited",
    "request_timeout",
    "required",
    "sheet_too_large",
    "sso_already_linked",
    "sso_identity_taken",
    "sso_nonce_mismatch",
    "sso_password_needed",
    "sso_provider_unavailable",
    "sso_refused",
    "sso_state_mismatch",
    "sso_token_expired",
    "sso_token_invalid",
    "sso_wrong_audience",
    "staff_not_in_scope",
    "staff_out_of_scope",
    "staff_pseudonymised",
    "summary_too_long",
    "team_exists",
    "title_required",
    "title_too_long",
    "too_long",
    "too_many_items",
    "too_short",
    "unauthenticated",
    "unit_cycle",
    "unit_not_allowed",
    "unit_out_of_scope",
    "unit_required",
    "unknown_bank_format",
    "unknown_commune",
    "unknown_course",
    "unknown_lesson",
    "unknown_parent_unit",
    "unknown_staff_code",
    "unknown_unit",
    "unknown_unit_code",
    "unknown_user",
    "unreadable_date",
    "unreadable_file",
    "wrong_password",
];

/// True for a code of the set.
pub fn is_known(code: &str) -> bool {
    ALL.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_is_sorted_without_repeats() {
        assert!(ALL.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn import_and_field_codes_are_in_the_set() {
        for code in crate::exchange::CODES {
            assert!(is_known(code), "{code}");
        }
        for e in crate::FieldError::ALL {
            assert!(is_known(e.code()), "{}", e.code());
        }
    }
}
