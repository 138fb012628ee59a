//! Speech made on the server: espeak-ng's Vietnamese voice reads the prepared text into a WAV
//! (16-bit mono PCM), which LAME encodes as MP3 at 24 kbit/s, about 180 KiB a minute, so a
//! five-minute lesson stays under 1 MB. Blocking: call it off the async threads.
use std::io::Write;
use std::process::{Command, Stdio};

use mp3lame_encoder::{Bitrate, Builder, FlushNoGap, Id3Tag, MonoPcm, Quality};

/// Words a minute: slower than espeak-ng's 175, for listeners new to the words.
const WORDS_PER_MINUTE: &str = "150";
const BITRATE: Bitrate = Bitrate::Kbps24;
/// Part of every clip's content hash: a change here makes every clip again.
pub const RECIPE: &str = "espeak-ng vi 150 wpm, mp3 24 kbit/s";

/// espeak-ng, found where the configuration says.
#[derive(Clone, Debug)]
pub struct Voice {
    program: String,
}

/// A lesson's speech, encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clip {
    pub mp3: Vec<u8>,
    pub duration_ms: i64,
}

impl Voice {
    /// The voice when `program` runs and knows Vietnamese; `None` when it is not installed,
    /// or when `program` is `off` (speech turned off on purpose).
    pub fn find(program: &str) -> Option<Voice> {
        if program.trim().is_empty() || program == "off" {
            return None;
        }
        let out = Command::new(program)
            .arg("--voices=vi")
            .stdin(Stdio::null())
            .output()
            .ok()?;
        let listed = String::from_utf8_lossy(&out.stdout);
        (out.status.success()
            && listed
                .lines()
                .skip(1)
                .any(|l| l.split_whitespace().nth(1) == Some("vi")))
        .then(|| Voice {
            program: program.to_owned(),
        })
    }

    /// The text spoken and encoded; the error says what failed, never the text.
    pub fn speak(&self, text: &str) -> Result<Clip, String> {
        let wav = self.wav(text)?;
        let (rate, samples) = pcm_of(&wav).ok_or("espeak-ng gave no 16-bit mono WAV")?;
        let mp3 = encode(rate, &samples)?;
        let duration_ms = samples.len() as i64 * 1000 / i64::from(rate.max(1));
        Ok(Clip { mp3, duration_ms })
    }

    fn wav(&self, text: &str) -> Result<Vec<u8>, String> {
        let mut input = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
        input
            .write_all(text.as_bytes())
            .and_then(|()| input.flush())
            .map_err(|e| e.to_string())?;
        let out = Command::new(&self.program)
            .args([
                "-v",
                "vi",
                "-s",
                WORDS_PER_MINUTE,
                "-b",
                "1",
                "--stdout",
                "-f",
            ])
            .arg(input.path())
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("espeak-ng did not start: {e}"))?;
        if !out.status.success() {
            let said = String::from_utf8_lossy(&out.stderr);
            return Err(format!(
                "espeak-ng failed ({}): {}",
                out.status,
                said.trim()
            ));
        }
        Ok(out.stdout)
    }
}

/// The sample rate and samples of a 16-bit mono WAV. espeak-ng writing to a pipe cannot go
/// back to fill in the data chunk's length, so the data runs to the end of the bytes.
fn pcm_of(wav: &[u8]) -> Option<(u32, Vec<i16>)> {
    if wav.len() < 12 || &wav[0..4] != b"RIFF" || &wav[8..12] != b"WAVE" {
        return None;
    }
    let mut at = 12;
    let mut rate = None;
    while at + 8 <= wav.len() {
        let id = &wav[at..at + 4];
        let size = u32::from_le_bytes(wav[at + 4..at + 8].try_into().ok()?) as usize;
        let body = at + 8;
        if id == b"fmt " {
            let fmt = wav.get(body..body + 16)?;
            let channels = u16::from_le_bytes([fmt[2], fmt[3]]);
            let bits = u16::from_le_bytes([fmt[14], fmt[15]]);
            if channels != 1 || bits != 16 {
                return None;
            }
            rate = Some(u32::from_le_bytes(fmt[4..8].try_into().ok()?));
        } else if id == b"data" {
            let samples = wav[body..]
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect();
            return Some((rate?, samples));
        }
        at = body.checked_add(size)?.checked_add(size % 2)?;
    }
    None
}

fn encode(rate: u32, samples: &[i16]) -> Result<Vec<u8>, String> {
    let mut lame = Builder::new().ok_or("LAME did not start")?;
    lame.set_num_channels(1).map_err(|e| e.to_string())?;
    lame.set_sample_rate(rate).map_err(|e| e.to_string())?;
    lame.set_brate(BITRATE).map_err(|e| e.to_string())?;
    lame.set_quality(Quality::Good).map_err(|e| e.to_string())?;
    // An ID3v2 tag first: players, and the upload check, know the file by it.
    lame.set_id3_tag(Id3Tag {
        title: b"Bai hoc",
        artist: b"Hoc Vu So",
        album: &[],
        album_art: &[],
        year: &[],
        comment: &[],
    })
    .map_err(|e| format!("{e:?}"))?;
    let mut lame = lame.build().map_err(|e| e.to_string())?;
    let mut mp3 =
        Vec::with_capacity(mp3lame_encoder::max_required_buffer_size(samples.len()) + 7200);
    lame.encode_to_vec(MonoPcm(samples), &mut mp3)
        .map_err(|e| e.to_string())?;
    lame.flush_to_vec::<FlushNoGap>(&mut mp3)
        .map_err(|e| e.to_string())?;
    Ok(mp3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav(rate: u32, samples: &[i16], data_len: u32) -> Vec<u8> {
        let mut w = b"RIFF\xff\xff\xff\xffWAVEfmt \x10\0\0\0\x01\0\x01\0".to_vec();
        w.extend(rate.to_le_bytes());
        w.extend((rate * 2).to_le_bytes());
        w.extend([2, 0, 16, 0]);
        w.extend(b"data");
        w.extend(data_len.to_le_bytes());
        for s in samples {
            w.extend(s.to_le_bytes());
        }
        w
    }

    #[test]
    fn a_piped_wav_is_read_to_its_end() {
        let (rate, samples) = pcm_of(&wav(22_050, &[1, -2, 3], u32::MAX)).expect("read");
        assert_eq!((rate, samples), (22_050, vec![1, -2, 3]));
        assert!(pcm_of(b"not a wav").is_none());
    }

    #[test]
    fn one_second_of_sound_is_three_kilobytes_of_mp3() {
        let tone: Vec<i16> = (0..22_050)
            .map(|i| ((i as f32 * 0.05).sin() * 8000.0) as i16)
            .collect();
        let mp3 = encode(22_050, &tone).expect("encoded");
        assert!((2_500..4_500).contains(&mp3.len()), "{} bytes", mp3.len());
        assert_eq!(infer::get(&mp3).map(|k| k.mime_type()), Some("audio/mpeg"));
    }

    #[test]
    fn no_program_no_voice() {
        assert!(Voice::find("/nonexistent/espeak-ng").is_none());
        assert!(Voice::find("off").is_none());
    }
}
