//! Ids and names: a page's id from its file name (`01-intro.md` is `intro`), the characters
//! an id may hold, and the title a page gets when it has none.

use unicode_normalization::UnicodeNormalization;

/// File names Windows cannot create, refused as ids so a course builds everywhere.
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Splits a file or folder name into its leading number and its id (`01-intro` is
/// `(Some(1), "intro")`), NFC-normalised.
pub fn split_name(stem: &str) -> (Option<u64>, String) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && stem.as_bytes().get(digits) == Some(&b'-') && digits + 1 < stem.len() {
        (stem[..digits].parse().ok(), stem[digits + 1..].nfc().collect())
    } else {
        (None, stem.nfc().collect())
    }
}

/// Checks an id's characters: lowercase letters of any script, digits, `-` and `_`.
pub fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("its id is empty".into());
    }
    if let Some(c) = id.chars().find(|c| !(c.is_alphanumeric() && !c.is_uppercase() || *c == '-' || *c == '_')) {
        let what = if c.is_uppercase() { "an uppercase letter".to_string() } else { format!("{c:?}") };
        return Err(format!("its id '{id}' contains {what}; ids are made of lowercase letters, digits, '-' and '_'"));
    }
    if DEVICE_NAMES.contains(&id) {
        return Err(format!("its id '{id}' is a device name on Windows; choose another name"));
    }
    Ok(())
}

/// A title from an id: `top-down-codes` is "Top down codes".
pub fn default_title(id: &str) -> String {
    let t = id.replace(['-', '_'], " ");
    let mut c = t.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_number_and_id() {
        assert_eq!(split_name("01-geopolitical-codes"), (Some(1), "geopolitical-codes".into()));
        assert_eq!(split_name("intro"), (None, "intro".into()));
        assert_eq!(split_name("2024"), (None, "2024".into()));
        assert_eq!(split_name("3-"), (None, "3-".into()));
    }

    #[test]
    fn ids_allow_lowercase_letters_of_any_script() {
        assert!(check_id("海绵城市").is_ok());
        assert!(check_id("café_2").is_ok());
        assert!(check_id("Intro").unwrap_err().contains("uppercase"));
        assert!(check_id("a b").is_err());
        assert!(check_id("a.b").is_err());
        assert!(check_id("con").is_err());
    }
}
