//! VC-JOSE-COSE: a credential secured as a compact JWS whose payload is the credential itself
//! (`typ: vc+jwt`), signed with EdDSA (Ed25519, RFC 8037). The signature is ed25519-dalek's;
//! this module only assembles the three base64url parts.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey};

/// The media type of a JWS-secured credential, and its `typ`.
pub const MEDIA_TYPE: &str = "application/vc+jwt";

/// `header.payload.signature` of `payload` under `key`, named `kid` in the header.
pub fn sign(key: &SigningKey, kid: &str, payload: &serde_json::Value) -> String {
    let header = serde_json::json!({"alg": "EdDSA", "typ": "vc+jwt", "kid": kid});
    let input = format!("{}.{}", part(&header), part(payload));
    let signature = key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

fn part(json: &serde_json::Value) -> String {
    URL_SAFE_NO_PAD.encode(json.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signature, Verifier};

    #[test]
    fn a_signed_payload_verifies_and_a_changed_one_does_not() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let jws = sign(&key, "k1", &serde_json::json!({"name": "Chứng nhận"}));
        let parts: Vec<&str> = jws.split('.').collect();
        assert_eq!(parts.len(), 3);
        let header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(header["typ"], "vc+jwt");
        assert_eq!(header["alg"], "EdDSA");
        assert_eq!(header["kid"], "k1");
        let payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
        assert_eq!(payload, r#"{"name":"Chứng nhận"}"#.as_bytes());
        let sig = Signature::from_slice(&URL_SAFE_NO_PAD.decode(parts[2]).unwrap()).unwrap();
        let public = key.verifying_key();
        let input = format!("{}.{}", parts[0], parts[1]);
        assert!(public.verify(input.as_bytes(), &sig).is_ok());
        let forged = format!("{}.{}", parts[0], part(&serde_json::json!({"name": "x"})));
        assert!(public.verify(forged.as_bytes(), &sig).is_err());
    }
}
