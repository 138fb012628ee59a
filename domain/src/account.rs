//! Account fields that parse on construction: holding one proves the input passed its rule.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub const NAME_MIN_CHARS: usize = 2;
pub const NAME_MAX_CHARS: usize = 100;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const EMAIL_LOCAL_MAX_CHARS: usize = 64;
pub const USERNAME_MIN_CHARS: usize = 3;
pub const USERNAME_MAX_CHARS: usize = 64;
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Why a field was refused. The app's i18n turns [`FieldError::code`] into Vietnamese or
/// English text, so the codes are a contract: never rename one, only add.
///
/// | code | meaning |
/// |---|---|
/// | `required` | empty, or only whitespace |
/// | `too_short` | name under [`NAME_MIN_CHARS`] or username under [`USERNAME_MIN_CHARS`] characters |
/// | `too_long` | name over [`NAME_MAX_CHARS`], email over [`EMAIL_MAX_CHARS`] or username over [`USERNAME_MAX_CHARS`] characters |
/// | `invalid_name` | a name with a digit, symbol or control character, or no letter |
/// | `invalid_email` | not a well-formed email address |
/// | `invalid_phone` | not a Vietnamese mobile number |
/// | `invalid_login` | a username with characters other than `a-z 0-9 . _ -` |
/// | `password_too_short` | under [`PASSWORD_MIN_CHARS`] characters |
/// | `password_too_long` | over [`PASSWORD_MAX_CHARS`] characters |
/// | `password_common` | among the most common passwords |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldError {
    Required,
    TooShort,
    TooLong,
    InvalidName,
    InvalidEmail,
    InvalidPhone,
    InvalidLogin,
    PasswordTooShort,
    PasswordTooLong,
    PasswordCommon,
}

impl FieldError {
    /// Every variant, so the i18n tables can be checked for a missing message.
    pub const ALL: &'static [FieldError] = &[
        FieldError::Required,
        FieldError::TooShort,
        FieldError::TooLong,
        FieldError::InvalidName,
        FieldError::InvalidEmail,
        FieldError::InvalidPhone,
        FieldError::InvalidLogin,
        FieldError::PasswordTooShort,
        FieldError::PasswordTooLong,
        FieldError::PasswordCommon,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::TooShort => "too_short",
            FieldError::TooLong => "too_long",
            FieldError::InvalidName => "invalid_name",
            FieldError::InvalidEmail => "invalid_email",
            FieldError::InvalidPhone => "invalid_phone",
            FieldError::InvalidLogin => "invalid_login",
            FieldError::PasswordTooShort => "password_too_short",
            FieldError::PasswordTooLong => "password_too_long",
            FieldError::PasswordCommon => "password_common",
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for FieldError {}

/// The accessors every validated string shares; deserialising goes through `parse`, so a
/// value from the wire or the database is held to the same rule as one typed in a form.
macro_rules! validated_string {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = FieldError;
            fn try_from(value: String) -> Result<Self, FieldError> {
                $name::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

/// A person's full name, trimmed, with single spaces, in NFC.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FullName(String);
validated_string!(FullName);

impl FullName {
    pub fn parse(input: &str) -> Result<FullName, FieldError> {
        // NFC so that a name typed on a keyboard that sends combining marks (NFD) compares and
        // sorts equal to the same name typed elsewhere.
        let name: String = collapse_whitespace(input).nfc().collect();
        check_length(&name, NAME_MIN_CHARS, NAME_MAX_CHARS)?;
        if !is_name_text(&name) {
            return Err(FieldError::InvalidName);
        }
        Ok(FullName(name))
    }
}

fn collapse_whitespace(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Empty is `required` rather than `too_short`, so the form can say "fill this in".
fn check_length(value: &str, min: usize, max: usize) -> Result<(), FieldError> {
    let len = value.chars().count();
    match len {
        0 => Err(FieldError::Required),
        n if n < min => Err(FieldError::TooShort),
        n if n > max => Err(FieldError::TooLong),
        _ => Ok(()),
    }
}

/// Letters of any script, plus the punctuation real names carry (O'Brien, Jean-Pierre, St.);
/// combining marks only where a script that NFC cannot compose puts them, after a letter.
fn is_name_text(name: &str) -> bool {
    let mut previous_is_letter = false;
    for c in name.chars() {
        let is_letter = c.is_alphabetic() || (previous_is_letter && is_combining_mark(c));
        if !is_letter && !is_name_punctuation(c) {
            return false;
        }
        previous_is_letter = is_letter;
    }
    name.chars().any(char::is_alphabetic)
}

/// U+2019 is there because phones replace a typed apostrophe with it.
fn is_name_punctuation(c: char) -> bool {
    matches!(c, ' ' | '\'' | '\u{2019}' | '-' | '.')
}

/// An email address, trimmed and lowercased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);
validated_string!(Email);

impl Email {
    /// Lowercases the local part too: providers here treat it case-insensitively, and one
    /// person must not end up with two accounts differing only in case.
    pub fn parse(input: &str) -> Result<Email, FieldError> {
        let email = input.trim().to_lowercase();
        check_length(&email, 1, EMAIL_MAX_CHARS)?;
        let (local, domain) = email.split_once('@').ok_or(FieldError::InvalidEmail)?;
        if !is_email_local(local) || !is_email_domain(domain) {
            return Err(FieldError::InvalidEmail);
        }
        Ok(Email(email))
    }
}

/// The RFC 5322 dot-atom: the quoted forms are legal but no real mailbox here uses them.
fn is_email_local(local: &str) -> bool {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    !local.is_empty()
        && local.len() <= EMAIL_LOCAL_MAX_CHARS
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext))
}

/// Needs a dot so that "ten@gmail" typos are caught; an all-digit last label is an IP
/// address, which no one signs up with.
fn is_email_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let tld_has_letter = labels
        .last()
        .is_some_and(|tld| tld.chars().any(|c| c.is_ascii_lowercase()));
    labels.len() >= 2 && tld_has_letter && labels.iter().all(|label| is_domain_label(label))
}

fn is_domain_label(label: &str) -> bool {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    (1..=63).contains(&label.len())
        && label.chars().all(allowed)
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// A Vietnamese mobile number in national form: `0` and nine digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);
validated_string!(Phone);

impl Phone {
    /// Accepts `0912 345 678`, `+84 912.345.678`, `84-912-345-678` and `+84 (0) 912 345 678`:
    /// people write numbers all these ways, and each maps to one subscriber.
    pub fn parse(input: &str) -> Result<Phone, FieldError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(FieldError::Required);
        }
        let (plus, digits) = phone_digits(input).ok_or(FieldError::InvalidPhone)?;
        let subscriber = subscriber_number(plus, &digits).ok_or(FieldError::InvalidPhone)?;
        if !is_mobile_prefix(subscriber) {
            return Err(FieldError::InvalidPhone);
        }
        Ok(Phone(format!("0{subscriber}")))
    }
}

fn is_phone_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | '-' | '(' | ')')
}

/// The digits, and whether a leading `+` came before them; `None` for any other character.
fn phone_digits(input: &str) -> Option<(bool, String)> {
    let mut plus = false;
    let mut digits = String::new();
    for c in input.chars().filter(|&c| !is_phone_separator(c)) {
        match c {
            '0'..='9' => digits.push(c),
            '+' if !plus && digits.is_empty() => plus = true,
            _ => return None,
        }
    }
    Some((plus, digits))
}

/// The nine digits after the trunk `0` or the country code `84`.
fn subscriber_number(plus: bool, digits: &str) -> Option<&str> {
    let after_84 = digits.strip_prefix("84");
    let subscriber = match (plus, after_84) {
        // "+84 (0) 912…": the trunk 0 written after the country code.
        (true, Some(rest)) if rest.len() == 10 => rest.strip_prefix('0')?,
        (true, Some(rest)) => rest,
        (true, None) => return None,
        (false, _) if digits.len() == 10 => digits.strip_prefix('0')?,
        (false, Some(rest)) => rest,
        (false, None) => return None,
    };
    (subscriber.len() == 9).then_some(subscriber)
}

/// Vietnamese mobile ranges start 03, 05, 07, 08 and 09; 02x are landlines, which cannot
/// receive the text messages sign-in may rely on.
fn is_mobile_prefix(subscriber: &str) -> bool {
    matches!(
        subscriber.as_bytes().first(),
        Some(b'3' | b'5' | b'7' | b'8' | b'9')
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginKind {
    Email,
    Phone,
    Username,
}

/// What a person signs in with, in the canonical form stored on the account, so that
/// `0912 345 678` and `+84912345678` find the same person.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Login {
    value: String,
    kind: LoginKind,
}

impl Login {
    /// Anything with `@` is an email; digits (with separators) or a leading `+` a phone;
    /// the rest a username. Email and phone failures keep their own codes, which tell the
    /// person more than `invalid_login` would.
    pub fn parse(input: &str) -> Result<Login, FieldError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(FieldError::Required);
        }
        let (value, kind) = if input.contains('@') {
            (Email::parse(input)?.0, LoginKind::Email)
        } else if looks_like_phone(input) {
            (Phone::parse(input)?.0, LoginKind::Phone)
        } else {
            (parse_username(input)?, LoginKind::Username)
        };
        Ok(Login { value, kind })
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }

    pub fn kind(&self) -> LoginKind {
        self.kind
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl AsRef<str> for Login {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

impl TryFrom<String> for Login {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, FieldError> {
        Login::parse(&value)
    }
}

impl From<Login> for String {
    fn from(login: Login) -> String {
        login.value
    }
}

fn looks_like_phone(input: &str) -> bool {
    let mut rest = input.chars().filter(|&c| !is_phone_separator(c)).peekable();
    input.starts_with('+') || (rest.peek().is_some() && rest.all(|c| c.is_ascii_digit()))
}

/// Needs a letter or digit so that "..." or "---" cannot become an account name.
fn parse_username(input: &str) -> Result<String, FieldError> {
    let name = input.to_lowercase();
    check_length(&name, USERNAME_MIN_CHARS, USERNAME_MAX_CHARS)?;
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    let has_alnum = name.chars().any(|c| c.is_ascii_alphanumeric());
    if !name.chars().all(allowed) || !has_alnum {
        return Err(FieldError::InvalidLogin);
    }
    Ok(name)
}

/// Length only, no composition rules (NIST SP 800-63B): long passphrases are what we want
/// people to use. The length counts characters, since Vietnamese text is multi-byte. A
/// password of only spaces is treated as not given.
pub fn check_password(pw: &str) -> Result<(), FieldError> {
    if pw.trim().is_empty() {
        return Err(FieldError::Required);
    }
    let len = pw.chars().count();
    if len < PASSWORD_MIN_CHARS {
        return Err(FieldError::PasswordTooShort);
    }
    if len > PASSWORD_MAX_CHARS {
        return Err(FieldError::PasswordTooLong);
    }
    if is_common_password(pw) {
        return Err(FieldError::PasswordCommon);
    }
    Ok(())
}

/// Case and surrounding spaces are ignored: "Password123 " is as guessable as "password123".
pub fn is_common_password(pw: &str) -> bool {
    let key = pw.trim().to_lowercase();
    common_passwords().binary_search(&key.as_str()).is_ok()
}

const COMMON_PASSWORDS_FILE: &str = include_str!("../data/common-passwords.txt");

/// Borrowed slices of the embedded file, sorted once on first use: a few hundred pointers,
/// no copy of the text.
fn common_passwords() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<&str> = COMMON_PASSWORDS_FILE
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        list.sort_unstable();
        list.dedup();
        list
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    mod field_error {
        use super::*;

        #[test]
        fn codes_are_stable_and_match_serde() {
            let codes: Vec<&str> = FieldError::ALL.iter().map(|e| e.code()).collect();
            assert_eq!(
                codes,
                [
                    "required",
                    "too_short",
                    "too_long",
                    "invalid_name",
                    "invalid_email",
                    "invalid_phone",
                    "invalid_login",
                    "password_too_short",
                    "password_too_long",
                    "password_common",
                ]
            );
            for &e in FieldError::ALL {
                assert_eq!(
                    serde_json::to_string(&e).unwrap(),
                    format!("\"{}\"", e.code())
                );
                assert_eq!(e.to_string(), e.code());
            }
        }
    }

    mod full_name {
        use super::*;

        fn name(s: &str) -> Result<String, FieldError> {
            FullName::parse(s).map(String::from)
        }

        #[test]
        fn accepts_vietnamese_names() {
            assert_eq!(name("Nguyễn Thị Ánh").unwrap(), "Nguyễn Thị Ánh");
            assert_eq!(name("Đặng Văn Lâm").unwrap(), "Đặng Văn Lâm");
            assert_eq!(name("Hoàng Thị Ngọc Ữ").unwrap(), "Hoàng Thị Ngọc Ữ");
        }

        #[test]
        fn nfd_input_becomes_nfc() {
            let nfd: String = "Nguyễn Thị Ánh".nfd().collect();
            assert_ne!(nfd, "Nguyễn Thị Ánh");
            let parsed = name(&nfd).unwrap();
            assert_eq!(parsed, "Nguyễn Thị Ánh");
            assert_eq!(parsed.chars().count(), 14);
        }

        #[test]
        fn trims_and_collapses_whitespace() {
            assert_eq!(name("  Trần \t  Văn\n  Bình ").unwrap(), "Trần Văn Bình");
            assert_eq!(name("Lê\u{00A0}\u{00A0}Na").unwrap(), "Lê Na");
        }

        #[test]
        fn accepts_other_scripts_and_name_punctuation() {
            assert!(name("Seán O'Brien").is_ok());
            assert!(name("Anne-Marie St. John").is_ok());
            assert!(name("D\u{2019}Arcy").is_ok());
            assert!(name("Владимир Путин").is_ok());
            assert!(name("김민준").is_ok());
            assert!(name("देवनागरी नाम").is_ok());
        }

        #[test]
        fn length_bounds_count_characters() {
            assert_eq!(name(""), Err(FieldError::Required));
            assert_eq!(name("   "), Err(FieldError::Required));
            assert_eq!(name("Á"), Err(FieldError::TooShort));
            assert!(name("Ổi").is_ok());
            assert!(name(&"ệ".repeat(100)).is_ok());
            assert_eq!(name(&"ệ".repeat(101)), Err(FieldError::TooLong));
        }

        #[test]
        fn refuses_digits_symbols_and_controls() {
            assert_eq!(name("Nguyễn Văn 2"), Err(FieldError::InvalidName));
            assert_eq!(name("Lê@Na"), Err(FieldError::InvalidName));
            assert_eq!(name("Lê\u{0007}Na"), Err(FieldError::InvalidName));
            assert_eq!(name("Lê\u{200B}Na"), Err(FieldError::InvalidName));
            assert_eq!(name("<script>"), Err(FieldError::InvalidName));
            assert_eq!(name("- ."), Err(FieldError::InvalidName));
            assert_eq!(name("\u{0301}ab"), Err(FieldError::InvalidName));
        }

        #[test]
        fn deserialising_validates() {
            let ok: FullName = serde_json::from_str("\"  Lý   Thường Kiệt \"").unwrap();
            assert_eq!(ok.as_str(), "Lý Thường Kiệt");
            assert!(serde_json::from_str::<FullName>("\"R2D2\"").is_err());
            assert_eq!(serde_json::to_string(&ok).unwrap(), "\"Lý Thường Kiệt\"");
        }
    }

    mod email {
        use super::*;

        fn email(s: &str) -> Result<String, FieldError> {
            Email::parse(s).map(String::from)
        }

        #[test]
        fn trims_and_lowercases() {
            assert_eq!(
                email("  An.Nguyen@Gmail.COM ").unwrap(),
                "an.nguyen@gmail.com"
            );
            assert_eq!(
                email("hr+so-noivu@tinh.gov.vn").unwrap(),
                "hr+so-noivu@tinh.gov.vn"
            );
            assert_eq!(email("a@b-c.d1.vn").unwrap(), "a@b-c.d1.vn");
        }

        #[test]
        fn refuses_malformed_addresses() {
            for bad in [
                "plain",
                "@gmail.com",
                "an@",
                "an@gmail",
                "an@@gmail.com",
                "an@b@gmail.com",
                "an nguyen@gmail.com",
                "an@gmail .com",
                "an@-gmail.com",
                "an@gmail-.com",
                "an@gmail..com",
                "an@.gmail.com",
                "an@gmail.com.",
                "an@gm_ail.com",
                "an@1.2.3.4",
                ".an@gmail.com",
                "an.@gmail.com",
                "a..n@gmail.com",
                "\"an\"@gmail.com",
                "an(x)@gmail.com",
                "nguyễn@gmail.com",
                "an@nguyễn.vn",
            ] {
                assert_eq!(email(bad), Err(FieldError::InvalidEmail), "{bad}");
            }
        }

        #[test]
        fn empty_is_required() {
            assert_eq!(email("  "), Err(FieldError::Required));
        }

        #[test]
        fn length_limits() {
            let local64 = "a".repeat(64);
            assert!(email(&format!("{local64}@gmail.com")).is_ok());
            let local65 = "a".repeat(65);
            assert_eq!(
                email(&format!("{local65}@gmail.com")),
                Err(FieldError::InvalidEmail)
            );
            let label63 = "b".repeat(63);
            assert!(email(&format!("a@{label63}.vn")).is_ok());
            let label64 = "b".repeat(64);
            assert_eq!(
                email(&format!("a@{label64}.vn")),
                Err(FieldError::InvalidEmail)
            );

            // 254 = 1 + '@' + 63 + '.' + 63 + '.' + 63 + '.' + 60
            let domain = format!("{label63}.{label63}.{label63}.{}", "c".repeat(60));
            let at_limit = format!("a@{domain}");
            assert_eq!(at_limit.len(), 254);
            assert!(email(&at_limit).is_ok());
            assert_eq!(email(&format!("ab@{domain}")), Err(FieldError::TooLong));
        }
    }

    mod phone {
        use super::*;

        fn phone(s: &str) -> Result<String, FieldError> {
            Phone::parse(s).map(String::from)
        }

        #[test]
        fn canonical_form_from_every_notation() {
            for input in [
                "0912345678",
                "0912 345 678",
                "0912.345.678",
                "091-234-5678",
                "(091) 2345678",
                "+84 912 345 678",
                "+84912345678",
                "84912345678",
                "84 912 345 678",
                "+84 (0) 912 345 678",
                " +84-912-345-678 ",
            ] {
                assert_eq!(phone(input).unwrap(), "0912345678", "{input}");
            }
        }

        #[test]
        fn every_mobile_prefix_is_accepted() {
            for prefix in ['3', '5', '7', '8', '9'] {
                assert_eq!(
                    phone(&format!("0{prefix}12345678")).unwrap(),
                    format!("0{prefix}12345678")
                );
            }
            assert_eq!(phone("0841234567").unwrap(), "0841234567");
        }

        #[test]
        fn refuses_other_prefixes() {
            assert_eq!(phone("0212345678"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("+84 212 345 678"), Err(FieldError::InvalidPhone));
            for prefix in ['0', '1', '2', '4', '6'] {
                assert_eq!(
                    phone(&format!("0{prefix}12345678")),
                    Err(FieldError::InvalidPhone)
                );
            }
        }

        #[test]
        fn refuses_wrong_lengths() {
            assert_eq!(phone("091234567"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("09123456789"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("+8491234567"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("+849123456789"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("912345678"), Err(FieldError::InvalidPhone));
        }

        #[test]
        fn refuses_foreign_numbers_and_stray_characters() {
            assert_eq!(phone("+1 202 555 0143"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("+33912345678"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("0912a45678"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("0912+345678"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("++84912345678"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("０９１２３４５６７８"), Err(FieldError::InvalidPhone));
            assert_eq!(phone("+"), Err(FieldError::InvalidPhone));
        }

        #[test]
        fn empty_is_required() {
            assert_eq!(phone(""), Err(FieldError::Required));
            assert_eq!(phone(" \t"), Err(FieldError::Required));
        }
    }

    mod login {
        use super::*;

        fn login(s: &str) -> Result<(String, LoginKind), FieldError> {
            Login::parse(s).map(|l| (l.as_str().to_owned(), l.kind()))
        }

        #[test]
        fn email_logins_are_canonical_emails() {
            assert_eq!(
                login(" An.Nguyen@Gmail.com ").unwrap(),
                ("an.nguyen@gmail.com".into(), LoginKind::Email)
            );
            assert_eq!(login("an@gmail"), Err(FieldError::InvalidEmail));
        }

        #[test]
        fn phone_logins_are_canonical_phones() {
            for input in [
                "+84 912 345 678",
                "0912.345.678",
                "84912345678",
                "(091) 234-5678",
            ] {
                assert_eq!(
                    login(input).unwrap(),
                    ("0912345678".into(), LoginKind::Phone),
                    "{input}"
                );
            }
            assert_eq!(login("12345"), Err(FieldError::InvalidPhone));
            assert_eq!(login("+84abc"), Err(FieldError::InvalidPhone));
        }

        #[test]
        fn username_logins_are_lowercased() {
            assert_eq!(
                login("HR.SoNoiVu").unwrap(),
                ("hr.sonoivu".into(), LoginKind::Username)
            );
            assert_eq!(
                login("to_cnso-01").unwrap(),
                ("to_cnso-01".into(), LoginKind::Username)
            );
            assert_eq!(login("a1b").unwrap(), ("a1b".into(), LoginKind::Username));
        }

        #[test]
        fn username_rules() {
            assert_eq!(login("ab"), Err(FieldError::TooShort));
            assert!(login(&"a".repeat(64)).is_ok());
            assert_eq!(login(&"a".repeat(65)), Err(FieldError::TooLong));
            assert_eq!(login("nguyễn"), Err(FieldError::InvalidLogin));
            assert_eq!(login("an nguyen"), Err(FieldError::InvalidLogin));
            assert_eq!(login("an/nguyen"), Err(FieldError::InvalidLogin));
            assert_eq!(login("._-"), Err(FieldError::InvalidLogin));
            assert_eq!(login(""), Err(FieldError::Required));
            assert_eq!(login("   "), Err(FieldError::Required));
        }

        #[test]
        fn serde_round_trip_keeps_the_kind() {
            let parsed: Login = serde_json::from_str("\"+84 912 345 678\"").unwrap();
            assert_eq!(parsed.kind(), LoginKind::Phone);
            assert_eq!(serde_json::to_string(&parsed).unwrap(), "\"0912345678\"");
            assert!(serde_json::from_str::<Login>("\"a b\"").is_err());
        }
    }

    mod password {
        use super::*;

        const STRONG: &str = "mây trắng bay qua đồi";

        #[test]
        fn length_boundaries_count_characters() {
            assert_eq!(check_password("k7#Qm2!"), Err(FieldError::PasswordTooShort));
            assert_eq!(check_password("k7#Qm2!x"), Ok(()));
            // Eight characters but sixteen bytes: must pass.
            assert_eq!(check_password("ệệệệệệệệ"), Ok(()));
            assert_eq!(check_password("ệệệệệệệ"), Err(FieldError::PasswordTooShort));
            assert_eq!(check_password(&"x".repeat(128)), Ok(()));
            assert_eq!(
                check_password(&"x".repeat(129)),
                Err(FieldError::PasswordTooLong)
            );
        }

        #[test]
        fn no_composition_rules() {
            assert_eq!(check_password(STRONG), Ok(()));
            assert_eq!(check_password("correcthorsebatterystaple"), Ok(()));
        }

        #[test]
        fn blank_is_required() {
            assert_eq!(check_password(""), Err(FieldError::Required));
            assert_eq!(check_password("          "), Err(FieldError::Required));
        }

        #[test]
        fn common_passwords_are_refused_ignoring_case_and_spaces() {
            assert!(common_passwords().contains(&"password123"));
            assert_eq!(
                check_password("password123"),
                Err(FieldError::PasswordCommon)
            );
            assert_eq!(
                check_password("  PassWord123 "),
                Err(FieldError::PasswordCommon)
            );
            assert_eq!(check_password("iloveyou"), Err(FieldError::PasswordCommon));
            assert_eq!(check_password("123456789"), Err(FieldError::PasswordCommon));
        }

        #[test]
        fn vietnamese_common_passwords_are_refused() {
            for pw in [
                "matkhau123",
                "anhyeuem",
                "emyeuanh",
                "khongbiet",
                "0123456789",
            ] {
                assert_eq!(check_password(pw), Err(FieldError::PasswordCommon), "{pw}");
            }
        }

        #[test]
        fn list_is_loaded_clean() {
            let list = common_passwords();
            assert!(list.len() > 250, "{}", list.len());
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            for pw in list {
                assert!(pw.chars().count() >= PASSWORD_MIN_CHARS, "{pw}");
                assert_eq!(*pw, pw.to_lowercase(), "{pw}");
                assert!(!pw.starts_with('#'));
            }
        }
    }
}
