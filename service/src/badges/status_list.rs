//! Bitstring Status List v1.0: one bit per credential (1 = revoked), at least 16 KiB so that
//! a verifier fetching the list learns little about which credential it checks. A
//! certificate's bit is drawn at random within its list, and a list takes at most half as many
//! certificates as it has bits, so a draw finds a free bit within a few tries.
use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

/// Bits in a list: 131,072 (16 KiB), the specification's minimum.
pub const LIST_BITS: usize = 131_072;
/// Certificates per list: half the bits.
pub const PER_LIST: i32 = (LIST_BITS / 2) as i32;

/// The list a certificate's bit is drawn in: certificates 1..=65,536 in list 1, and so on.
pub fn list_of(certificate_id: i32) -> i32 {
    1 + (certificate_id.max(1) - 1) / PER_LIST
}

/// A status list: bit 0 is the left-most bit of the first byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitstring(Vec<u8>);

impl Default for Bitstring {
    fn default() -> Self {
        Bitstring(vec![0; LIST_BITS / 8])
    }
}

impl Bitstring {
    /// Sets bit `index`; an index outside the list is ignored.
    pub fn set(&mut self, index: usize) {
        if let Some(byte) = self.0.get_mut(index / 8) {
            *byte |= 0x80 >> (index % 8);
        }
    }

    pub fn get(&self, index: usize) -> bool {
        self.0
            .get(index / 8)
            .is_some_and(|byte| byte & (0x80 >> (index % 8)) != 0)
    }

    /// The `encodedList`: multibase base64url (prefix `u`, no padding) of the GZIP of the bits.
    pub fn encode(&self) -> String {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(&self.0).expect("writing to memory");
        let zipped = gz.finish().expect("writing to memory");
        format!("u{}", URL_SAFE_NO_PAD.encode(zipped))
    }

    /// The bits of an `encodedList`; `None` when it is not one of at least 16 KiB.
    pub fn decode(encoded: &str) -> Option<Self> {
        let zipped = URL_SAFE_NO_PAD.decode(encoded.strip_prefix('u')?).ok()?;
        let mut bits = Vec::with_capacity(LIST_BITS / 8);
        GzDecoder::new(zipped.as_slice())
            .take(64 * LIST_BITS as u64)
            .read_to_end(&mut bits)
            .ok()?;
        (bits.len() >= LIST_BITS / 8).then_some(Bitstring(bits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_is_16_kib_of_zeros_and_compresses_well() {
        let list = Bitstring::default();
        let encoded = list.encode();
        assert!(encoded.starts_with('u'), "multibase base64url");
        assert!(!encoded.contains(['=', '+', '/']), "{encoded}");
        assert!(encoded.len() < 200, "{} characters", encoded.len());
        let back = Bitstring::decode(&encoded).unwrap();
        assert_eq!(back, list);
        assert!((0..LIST_BITS).all(|i| !back.get(i)));
    }

    #[test]
    fn bit_zero_is_the_left_most_bit_of_the_first_byte() {
        let mut list = Bitstring::default();
        list.set(0);
        list.set(9);
        list.set(LIST_BITS - 1);
        assert_eq!(list.0[0], 0b1000_0000);
        assert_eq!(list.0[1], 0b0100_0000);
        assert_eq!(list.0[LIST_BITS / 8 - 1], 0b0000_0001);
        let back = Bitstring::decode(&list.encode()).unwrap();
        let set: Vec<usize> = (0..LIST_BITS).filter(|&i| back.get(i)).collect();
        assert_eq!(set, [0, 9, LIST_BITS - 1]);
        list.set(LIST_BITS);
        assert!(!list.get(LIST_BITS), "outside the list");
    }

    #[test]
    fn the_encoding_is_gzip_as_any_reader_sees_it() {
        let mut list = Bitstring::default();
        list.set(94_567);
        let encoded = list.encode();
        let zipped = URL_SAFE_NO_PAD.decode(&encoded[1..]).unwrap();
        assert_eq!(&zipped[..2], [0x1f, 0x8b], "the GZIP magic number");
        let mut raw = Vec::new();
        GzDecoder::new(zipped.as_slice())
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(raw.len(), 16 * 1024);
        assert_eq!(raw[94_567 / 8], 0x80 >> (94_567 % 8));
    }

    #[test]
    fn short_or_foreign_lists_are_refused() {
        assert_eq!(Bitstring::decode("H4sI"), None, "no multibase prefix");
        assert_eq!(Bitstring::decode("unot-gzip"), None);
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(&[0u8; 1024]).unwrap();
        let short = format!("u{}", URL_SAFE_NO_PAD.encode(gz.finish().unwrap()));
        assert_eq!(Bitstring::decode(&short), None, "under 16 KiB");
    }

    #[test]
    fn lists_fill_to_half_their_bits() {
        assert_eq!(list_of(1), 1);
        assert_eq!(list_of(PER_LIST), 1);
        assert_eq!(list_of(PER_LIST + 1), 2);
        assert_eq!(list_of(0), 1);
    }
}
