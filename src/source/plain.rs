//! serde's messages in the words of someone editing a YAML file: "expected
//! a number, found the text "abc"" rather than "invalid type: string
//! "abc", expected f64", and a "did you mean" for an unknown field.

use crate::problem::unknown_id_hint;

/// `message` (a serde_yaml or serde_json message, without its field path
/// and position) in plain words; a message it does not know stays.
pub fn plain(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return format!(
                "expected {}, found {}",
                expected_text(expected),
                found_text(found)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((length, expected)) = rest.split_once(", expected ")
    {
        let noun = if length == "1" { "item" } else { "items" };
        return format!(
            "expected {}, found {length} {noun}",
            expected_text(expected)
        );
    }
    for (prefix, kind) in [
        ("unknown field `", "fields"),
        ("unknown variant `", "values"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((given, valid)) = rest.split_once("`, ")
        {
            let valid = quoted_names(valid);
            let what = if kind == "fields" { "field" } else { "value" };
            if valid.is_empty() {
                return format!("unknown {what} `{given}`; this mapping takes no {kind}");
            }
            let valid: Vec<&str> = valid.iter().map(String::as_str).collect();
            return format!(
                "unknown {what} `{given}`; {}",
                unknown_id_hint(given, kind, &valid)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some(field) = rest.strip_suffix('`')
    {
        return format!("the required field `{field}` is missing");
    }
    message.to_owned()
}

/// The names serde lists in backticks: "expected one of `a`, `b`".
fn quoted_names(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// What serde says it found, in plain words.
fn found_text(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text {text}");
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(number) = found.strip_prefix(prefix) {
            return format!("the number {}", number.trim_matches('`'));
        }
    }
    if let Some(value) = found.strip_prefix("boolean ") {
        return format!("{value}, a yes/no value");
    }
    match found {
        "map" => "a mapping".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" => "nothing (an empty value)".to_owned(),
        other => other.to_owned(),
    }
}

/// What serde says it expected, in plain words.
fn expected_text(expected: &str) -> String {
    if let Some(size) = expected
        .strip_prefix("a tuple of size ")
        .or_else(|| expected.strip_prefix("tuple of size "))
    {
        return format!("a list of {size} items");
    }
    if expected == "struct" || expected.starts_with("struct ") {
        return "a mapping".to_owned();
    }
    match expected {
        "f64" | "f32" => "a number".to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number".to_owned()
        }
        "a sequence" | "sequence" => "a list".to_owned(),
        "a map" | "map" => "a mapping".to_owned(),
        "field identifier" | "variant identifier" => "a name".to_owned(),
        "a boolean" => "true or false".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn serde_jargon_becomes_plain_words() {
        let cases = [
            (
                "invalid type: string \"abc\", expected f64",
                "expected a number, found the text \"abc\"",
            ),
            (
                "invalid type: string \"heavy\", expected a number",
                "expected a number, found the text \"heavy\"",
            ),
            (
                "invalid type: map, expected a sequence",
                "expected a list, found a mapping",
            ),
            (
                "invalid type: unit value, expected a sequence",
                "expected a list, found nothing (an empty value)",
            ),
            (
                "invalid type: sequence, expected struct CriteriaDocument",
                "expected a mapping, found a list",
            ),
            (
                "invalid type: sequence, expected field identifier",
                "expected a name, found a list",
            ),
            (
                "invalid type: integer `5`, expected a string",
                "expected a string, found the number 5",
            ),
            (
                "invalid length 2, expected a tuple of size 3",
                "expected a list of 3 items, found 2 items",
            ),
            (
                "unknown field `nam`, expected one of `id`, `name`, `note`",
                "unknown field `nam`; did you mean `name`? valid fields: id, name, note",
            ),
            (
                "unknown field `anwsers`, expected `answers` or `weights`",
                "unknown field `anwsers`; did you mean `answers`? valid fields: answers, weights",
            ),
            (
                "unknown variant `benfit`, expected `benefit` or `cost`",
                "unknown value `benfit`; did you mean `benefit`? valid values: benefit, cost",
            ),
            (
                "missing field `since`",
                "the required field `since` is missing",
            ),
            ("duplicate field `min`", "duplicate field `min`"),
        ];
        for (serde, plain_words) in cases {
            assert_eq!(plain(serde), plain_words, "{serde}");
        }
    }
}
