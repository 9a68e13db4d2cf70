//! Reading the HTML report (and its SVG charts) as a test needs to: the
//! figures it marks with `data-figure`, and every tag and attribute in it.
//! pick-stack writes its own markup in one shape (attributes in double
//! quotes, text escaped), so a small lexer reads all of it.

#![allow(dead_code)]

/// One element with a `data-figure`: its attributes and its text up to
/// the next tag.
#[derive(Debug, Clone)]
pub struct Figure {
    pub figure: String,
    pub criterion: Option<String>,
    pub alternative: Option<String>,
    pub value: Option<f64>,
    pub text: String,
}

/// A start or end tag: its name and attributes (name, value).
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    /// The text after the tag, up to the next one.
    pub text: String,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(attribute, _)| attribute == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Every tag in `markup`, in order, with the contents of `<style>` and
/// comments skipped. Panics on markup it cannot read: a `<` that starts no
/// tag, an attribute without a quoted value, a tag that never closes.
pub fn tags(markup: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = markup;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            let end = after.find("-->").expect("a comment that ends");
            rest = &after[end + 3..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("?xml") {
            let end = after.find("?>").expect("an XML declaration that ends");
            rest = &after[end + 2..];
            continue;
        }
        let (name, mut after) = match rest.strip_prefix('/') {
            Some(closing) => {
                let end = closing
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .expect("an end tag");
                (format!("/{}", &closing[..end]), &closing[end..])
            }
            None => {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .filter(|&end| end > 0)
                    .unwrap_or_else(|| panic!("a tag name at {:?}", &rest[..rest.len().min(40)]));
                (rest[..end].to_owned(), &rest[end..])
            }
        };
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '!'),
            "a tag named {name:?}"
        );
        let mut attributes = Vec::new();
        loop {
            after = after.trim_start();
            if let Some(end) = after.strip_prefix("/>") {
                after = end;
                break;
            }
            if let Some(end) = after.strip_prefix('>') {
                after = end;
                break;
            }
            let equals = after
                .find(|c: char| c == '=' || c.is_whitespace() || c == '>')
                .expect("an attribute");
            let attribute = after[..equals].to_owned();
            assert!(
                attribute
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                "an attribute named {attribute:?} in <{name}>"
            );
            after = &after[equals..];
            if let Some(quoted) = after.strip_prefix("=\"") {
                let end = quoted.find('"').expect("a quoted value that ends");
                attributes.push((attribute, quoted[..end].to_owned()));
                after = &quoted[end + 1..];
            } else {
                // `<!DOCTYPE html>`: a bare word.
                attributes.push((attribute, String::new()));
            }
        }
        let text_end = after.find('<').unwrap_or(after.len());
        let mut text = after[..text_end].to_owned();
        rest = after;
        if name == "style" {
            let end = rest.find("</style>").expect("a style that ends");
            text = String::new();
            rest = &rest[end..];
        }
        tags.push(Tag {
            name,
            attributes,
            text,
        });
    }
    tags
}

/// Every element marked with `data-figure`.
pub fn figures(markup: &str) -> Vec<Figure> {
    tags(markup)
        .into_iter()
        .filter_map(|tag| {
            let figure = tag.attribute("data-figure")?.to_owned();
            Some(Figure {
                figure,
                criterion: tag.attribute("data-criterion").map(str::to_owned),
                alternative: tag.attribute("data-alternative").map(str::to_owned),
                value: tag
                    .attribute("data-value")
                    .map(|value| value.parse().expect("a number in data-value")),
                text: unescape(&tag.text),
            })
        })
        .collect()
}

/// Text with the five references pick-stack writes read back.
pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
