//! English: the second language of the interface.
use super::Texts;
use domain::{Lang, Role};

pub static TEXTS: Texts = Texts {
    lang: Lang::En,
    app_name: "Học Vụ Số",
    tagline: "Digital popular education",
    skip_to_content: "Skip to main content",
    nav_label: "Main navigation",
    menu: "Menu",
    nav_home: "Home",
    nav_account: "Account",
    nav_admin_users: "Users",
    login: "Sign in",
    logout: "Sign out",
    register: "Register",
    switch_lang: "Tiếng Việt",
    switch_lang_code: "vi",
    home_title: "Learn digital skills, wherever you are",
    home_intro: "Học Vụ Số helps the province's civil servants, public employees and residents learn and practise digital skills: short lessons, a quiz after each course, certificates with a verification code.",
    home_points: [
        "Learn on your phone, even when the signal drops.",
        "Assess your mastery of digital skills across six competence domains.",
        "Units follow training results live.",
    ],
    home_welcome: "Welcome back,",
    login_title: "Sign in",
    login_field: "Phone number, email or username",
    password_field: "Password",
    password_hint: "8 to 128 characters. A sentence easy for you to remember and hard for others to guess works well.",
    no_account: "No account yet?",
    have_account: "Already registered?",
    register_title: "Register as a learner",
    full_name_field: "Full name",
    contact_field: "Phone number or email",
    contact_hint: "You will sign in with this phone number or email.",
    commune_field: "Commune or ward of residence",
    commune_choose: "— Choose a commune or ward —",
    consent_label: "I agree that Học Vụ Số keeps my name, phone number or email, place of residence and learning results.",
    consent_details: "They are used only to manage learning, issue certificates and report the province's digital skills training. You can download your data or delete your account at any time on the Account page.",
    account_title: "My account",
    account_login: "Username",
    account_roles: "Roles",
    must_sign_in: "Please sign in to see this page.",
    users_title: "Users",
    users_search: "Search by name or username",
    users_name: "Full name",
    users_login: "Username",
    users_roles: "Roles",
    users_status: "Status",
    users_actions: "Actions",
    users_active: "Active",
    users_disabled: "Disabled",
    users_disable: "Disable account",
    users_enable: "Enable",
    users_revoke: "Revoke",
    users_grant: "Grant role",
    users_role: "Role",
    users_unit_code: "Unit code (for HR officers and community teams)",
    users_none: "No users found.",
    search: "Search",
    loading: "Loading…",
    not_found_title: "Page not found",
    not_found_body: "The address you opened does not exist or has moved.",
    back_home: "Back to the home page",
    forbidden: "You are not allowed to see this page.",
    footer: "Học Vụ Số — the digital skills platform of the digital popular education movement.",
    error_title: "Something went wrong",
};

/// The message for a code of `domain::error_codes::ALL`; `None` for any other.
pub fn error(code: &str) -> Option<&'static str> {
    Some(match code {
        "required" => "Please fill in this field.",
        "too_short" => "Too short.",
        "too_long" => "Too long.",
        "invalid_name" => {
            "A name has letters, spaces, hyphens or apostrophes only, 2 to 100 characters."
        }
        "invalid_email" => "This email address is not valid, for example: name@example.vn.",
        "invalid_phone" => {
            "This mobile number is not valid: 10 digits starting with 03, 05, 07, 08 or 09."
        }
        "invalid_login" => {
            "Enter a phone number, an email, or a username of 3 to 64 characters (letters, digits, dots, dashes)."
        }
        "password_too_short" => "The password must have at least 8 characters.",
        "password_too_long" => "The password must not be longer than 128 characters.",
        "password_common" => {
            "This password is too common and easy to guess. Please choose another."
        }
        "login_taken" => "This phone number or email is already used by another account.",
        "unknown_unit" => "This unit does not exist.",
        "already_province_admin" => {
            "This account is already the administrator of another province."
        }
        "ambiguous_unit" => {
            "Several provinces have a unit with this code: choose the province first."
        }
        "invalid_province_code" => {
            "A province code has only letters without accents, digits and dashes, at most 20 characters."
        }
        "province_exists" => "A province with this code already exists.",
        "province_required" => "This deployment has several provinces: choose one.",
        "unknown_account" => "No account has this login.",
        "unknown_province" => "This province does not exist.",
        "unit_required" => "This role needs a unit.",
        "unit_not_allowed" => "This role is not held for a unit.",
        "consent_required" => "You need to agree to the storage of your data to register.",
        "invalid_credentials" => "Wrong username or password.",
        "account_disabled" => "This account is disabled. Please contact an administrator.",
        "rate_limited" => "Too many failed attempts. Please try again in 15 minutes.",
        "registration_limited" => "Too many registrations right now. Please try again in a minute.",
        "busy" => "The system is busy. Please try again in a few seconds.",
        "failed_signins_notice" => {
            "There were {n} failed sign-in attempts on your account since your last visit. If it was not you, change your password."
        }
        "assist_ended" => {
            "Help has ended. Team member, please sign in again to use your own account."
        }
        "unauthenticated" => "Please sign in.",
        "forbidden" => "You are not allowed to do this.",
        "foreign_origin" => "Request refused: it did not come from a Học Vụ Số page.",
        "not_found" => "Not found.",
        "attempt_limit" => "You have used all your attempts at this quiz.",
        "quiz_has_no_questions" => "The quiz has no questions yet.",
        "attempt_closed" => "The attempt is submitted and can no longer change.",
        "attempt_time_up" => "The time for this attempt is up.",
        "attempt_open" => "You already have an attempt in progress.",
        "invalid_input" => "Some of the data sent is not valid.",
        "payload_too_large" => "The data sent is too large.",
        "request_timeout" => "The data sent stopped coming for too long. Please send it again.",
        "bad_request" => "The request is malformed.",
        "cannot_revoke_own_admin" => "You cannot revoke your own admin role.",
        "missing_column" => {
            "The file lacks this required column (see the column names in the template)."
        }
        "unreadable_file" => {
            "The file cannot be read: save it as CSV (UTF-8) or Excel (.xlsx) and try again."
        }
        "file_required" => "Please choose a file.",
        "empty_file" => "The file has no header row.",
        "cell_required" => "This cell must not be empty.",
        "invalid_date" => {
            "Not a valid date: write DAY/MONTH/YEAR (e.g. 28/02/2026) or YEAR-MONTH-DAY (2026-02-28)."
        }
        "invalid_kind" => "Not a valid kind: write Cán bộ, Công chức, Viên chức or Khác.",
        "invalid_level" => "Not a valid level: write tinh (provincial) or xa (commune).",
        "invalid_mode" => "Not a valid mode: write truc_tuyen (online) or truc_tiep (in person).",
        "invalid_pass_flag" => "The passed column takes yes or no (or 1/0).",
        "invalid_score" => "The score must be a number from 0 to 100 (e.g. 85.5).",
        "invalid_personal_id" => "The personal ID number must have exactly 12 digits.",
        "personal_id_leading_zeros_lost" => {
            "The personal ID number has fewer than 12 digits: the spreadsheet probably dropped its leading zeros. Format the column as Text and enter all 12 digits."
        }
        "end_not_after_start" => "The end date must come after the start date.",
        "duplicate_assignment" => {
            "This row repeats another row of the file (same staff code and start date)."
        }
        "overlapping_period" => {
            "This period overlaps another period of the same person (in the file or already recorded)."
        }
        "conflicting_name" => "The name differs from another row of the same staff code.",
        "conflicting_personal_id" => {
            "The personal ID number differs from another row of the same staff code or from the one recorded."
        }
        "conflicting_email" => "The email differs from another row of the same staff code.",
        "conflicting_phone" => "The phone number differs from another row of the same staff code.",
        "unknown_unit_code" => "No unit has this code.",
        "unknown_parent_unit" => "No parent unit has this code, recorded or in the file.",
        "unit_cycle" => "The parent units form a loop: a unit cannot lie below itself.",
        "duplicate_unit_code" => "This unit code appears more than once in the file.",
        "unknown_staff_code" => "This staff code is not on the roster: import the roster first.",
        "unit_out_of_scope" => "You do not manage this unit.",
        "staff_out_of_scope" => {
            "This person belongs to a unit outside your scope: only the admin, or an HR officer over both units, can record a move between them."
        }
        "staff_pseudonymised" => {
            "This person was pseudonymised to protect their personal data: their name, ID number and contacts cannot be imported again."
        }
        "staff_not_in_scope" => {
            "No staff member with this code is on the roster of the units you manage."
        }
        "sheet_too_large" => {
            "The first sheet is too large: its used range spans more than 1,000,000 cells (rows times columns, counting stray cells far away). Delete the stray cells outside the table, or split it into smaller files."
        }
        "unreadable_date" => {
            "This cell is formatted as a date but holds no real date: enter the date again as DAY/MONTH/YEAR, e.g. 28/02/2026."
        }
        "name_too_long" => "The name is too long: at most 200 characters.",
        "code_too_long" => "The code is too long: at most 50 characters.",
        "note_too_long" => "The note is too long: at most 1,000 characters.",
        "control_character" => {
            "The cell holds a control character (such as a NUL byte): type its content again."
        }
        "reminder_bad_brace" => {
            "Unmatched brace: each placeholder is written like {ho_ten}; to write a brace itself, type it twice: {{ or }}."
        }
        "reminder_unknown_placeholder" => {
            "Unknown placeholder: only {ho_ten}, {don_vi}, {khoa_hoc} and {han} may be used (lower case, no spaces)."
        }
        "reminder_course_required" => {
            "The message uses {khoa_hoc}: write the course's name in the “Course” field."
        }
        "reminder_deadline_required" => "The message uses {han}: choose the deadline.",
        "quiz_course_required" => {
            "A province's quiz belongs to one of the province's courses: write the course code."
        }
        "reminder_status_required" => {
            "Reminders go to people “not yet trained” or “not yet mastered”: choose one of these two statuses."
        }
        "reminder_too_long" => {
            "Too long: the subject and the course name take at most 200 characters, the body 10,000."
        }
        "reminder_bad_deadline" => "Not a valid deadline: choose a day (YEAR-MONTH-DAY).",
        "reminder_bad_send_at" => {
            "Not a valid sending time: choose a day and an hour (Vietnam time)."
        }
        "reminder_text_required" => "Write the subject and the body of the message.",
        "reminder_bad_subject" => "The subject must fit on one line.",
        "smtp_not_configured" => {
            "This server is not set up to send e-mail (HOCVU_SMTP_URL): reminders cannot be sent yet. Tell the administrator."
        }
        "smtp_bad_url" => "The mail server's address (HOCVU_SMTP_URL) cannot be read.",
        "smtp_bad_from" => "The sender's address (HOCVU_MAIL_FROM) is not valid.",
        "invalid_as_of" => "Not a valid report date: write YEAR-MONTH-DAY, e.g. 2026-02-28.",
        "invalid_expiry" => {
            "Not a valid expiry date: choose a day after today, at most five years away (YEAR-MONTH-DAY)."
        }
        "invalid_period" => {
            "Not a valid period: the start must not be after the end, and a trend covers at most 120 months."
        }
        "cannot_disable_self" => "You cannot disable your own account.",
        "invalid_programme_code" => {
            "The course or assessment code is required (at most 64 characters)."
        }
        "date_in_future" => "That date has not come yet: record only what has happened.",
        "evidence_required" => {
            "Give the evidence (a decision number, an attendance list), at most 500 characters."
        }
        "record_exists" => "This result is already recorded (same code, same date).",
        "link_not_matched" => {
            "The staff code or the ID number does not match a record. Check all 12 digits and try again. If your record has no ID number, ask your HR officer to link it for you."
        }
        "link_contact_invalid" => "Enter the account's e-mail, phone number or login.",
        "erase_reason_required" => {
            "Give the reason for pseudonymising the record (kept in the audit log)."
        }
        "erase_reason_too_long" => "The reason is at most 500 characters.",
        "account_already_linked" => "This account is already linked to a staff record.",
        "person_already_linked" => {
            "This record is already linked to another account. Ask your unit's personnel office."
        }
        "person_pseudonymised" => {
            "This record was pseudonymised to protect personal data: it cannot be linked to any account."
        }
        "internal" => "Something went wrong. Please try again later.",
        _ => return None,
    })
}

pub fn role(role: Role) -> &'static str {
    match role {
        Role::Learner => "Learner",
        Role::Hr => "HR officer",
        Role::Author => "Content author",
        Role::Facilitator => "Community digital team member",
        Role::Admin => "Administrator",
        Role::ProvinceAdmin => "Province administrator",
    }
}
