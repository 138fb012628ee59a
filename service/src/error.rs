//! The service layer's error: what went wrong, in codes the edges turn into words.
use serde::Serialize;

/// One invalid field: `code` is a stable key the i18n files translate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldIssue {
    pub field: String,
    pub code: String,
}

impl FieldIssue {
    pub fn new(field: &str, code: &str) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Invalid(Vec<FieldIssue>),
    #[error("wrong login or password")]
    InvalidCredentials,
    #[error("account disabled")]
    AccountDisabled,
    #[error("too many attempts")]
    RateLimited,
    #[error("too many registrations")]
    RegistrationLimited,
    /// The password queue is full: come back in a moment.
    #[error("busy")]
    Busy,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A single sign-on that did not sign anyone in: the provider refused, could not be
    /// reached, or sent an ID token that failed a check (`sso_*` codes).
    #[error("single sign-on refused: {0}")]
    SignOnRefused(&'static str),
    /// Something that should not happen: its cause is kept (and logged once by the edge that
    /// answers), never shown.
    #[error("internal error: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync + 'static>),
}

impl Error {
    /// The stable code shown to API clients and translated for pages.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound => "not_found",
            Error::Unauthenticated => "unauthenticated",
            Error::Forbidden => "forbidden",
            Error::Invalid(_) => "invalid_input",
            Error::InvalidCredentials => "invalid_credentials",
            Error::AccountDisabled => "account_disabled",
            Error::RateLimited => "rate_limited",
            Error::RegistrationLimited => "registration_limited",
            Error::Busy => "busy",
            Error::Conflict(code) | Error::SignOnRefused(code) => code,
            Error::Internal(_) => "internal",
        }
    }

    /// The HTTP status for this error, shared by the JSON API and server functions.
    pub fn http_status(&self) -> u16 {
        match self {
            Error::NotFound => 404,
            Error::Unauthenticated | Error::InvalidCredentials => 401,
            Error::Forbidden | Error::AccountDisabled => 403,
            Error::Invalid(_) => 422,
            Error::RateLimited | Error::RegistrationLimited => 429,
            Error::Busy => 503,
            Error::Conflict(_) => 409,
            Error::SignOnRefused("sso_provider_unavailable") => 502,
            Error::SignOnRefused(_) => 400,
            Error::Internal(_) => 500,
        }
    }

    /// An internal error with its cause: an error value, or words saying what went wrong.
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>) -> Self {
        Error::Internal(cause.into())
    }

    pub fn invalid(field: &str, code: &str) -> Self {
        Error::Invalid(vec![FieldIssue::new(field, code)])
    }
}

impl From<sea_orm::DbErr> for Error {
    fn from(err: sea_orm::DbErr) -> Self {
        Error::internal(err)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// True when the database refused a row because of a unique key.
pub(crate) fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
