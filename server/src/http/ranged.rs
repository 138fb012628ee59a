//! Media served in the pieces a player asks for (`Range`, RFC 9110 §14): one range is answered
//! `206 Partial Content`, a range past the end `416`, and no range, several ranges or a header
//! that does not parse get the whole file (a server may ignore `Range`). Every answer says
//! `Accept-Ranges: bytes`, its type, `nosniff`, a CSP that runs nothing, and a year's
//! `immutable` cache: callers serve only addresses that name one content forever.
use std::ops::RangeInclusive;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `data` (of type `content_type`) whole or in the range `asked` names.
pub fn media(asked: &HeaderMap, content_type: &str, data: Vec<u8>) -> Response {
    let total = data.len() as u64;
    let mut response = match asked_range(asked, total) {
        Asked::Whole => (StatusCode::OK, data).into_response(),
        Asked::Part(range) => {
            let (start, end) = (*range.start(), *range.end());
            let part = data[start as usize..=end as usize].to_vec();
            let mut res = (StatusCode::PARTIAL_CONTENT, part).into_response();
            res.headers_mut().insert(
                header::CONTENT_RANGE,
                value(&format!("bytes {start}-{end}/{total}")),
            );
            res
        }
        Asked::Unsatisfiable => {
            let mut res = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            res.headers_mut()
                .insert(header::CONTENT_RANGE, value(&format!("bytes */{total}")));
            res
        }
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, value(content_type));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}

enum Asked {
    Whole,
    Part(RangeInclusive<u64>),
    Unsatisfiable,
}

fn asked_range(headers: &HeaderMap, total: u64) -> Asked {
    let Some(text) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Asked::Whole;
    };
    let Ok(parsed) = http_range_header::parse_range_header(text) else {
        return Asked::Whole;
    };
    match parsed.validate(total) {
        Ok(ranges) if ranges.len() == 1 => Asked::Part(ranges[0].clone()),
        Ok(_) => Asked::Whole,
        Err(_) => Asked::Unsatisfiable,
    }
}

fn value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(range: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::RANGE, HeaderValue::from_str(range).unwrap());
        h
    }

    #[test]
    fn ranges_are_cut_as_asked() {
        let data: Vec<u8> = (0..100).collect();
        let res = media(&asked("bytes=10-19"), "audio/mpeg", data.clone());
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(res.headers()[header::CONTENT_RANGE], "bytes 10-19/100");
        let res = media(&asked("bytes=-5"), "audio/mpeg", data.clone());
        assert_eq!(res.headers()[header::CONTENT_RANGE], "bytes 95-99/100");
        let res = media(&asked("bytes=200-"), "audio/mpeg", data.clone());
        assert_eq!(res.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        let res = media(&asked("bytes=0-1,5-6"), "audio/mpeg", data.clone());
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "several ranges: the whole file"
        );
        let res = media(&asked("lines=1-2"), "audio/mpeg", data.clone());
        assert_eq!(res.status(), StatusCode::OK);
        let res = media(&HeaderMap::new(), "audio/mpeg", data);
        assert_eq!(res.headers()[header::ACCEPT_RANGES], "bytes");
    }
}
