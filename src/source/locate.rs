//! One walk through a YAML text to the nodes at many field paths.
//!
//! The wanted paths are merged into a tree (paths that share a start share
//! its nodes), and the parser's events are followed with a stack that says,
//! for every open mapping and sequence, which node of that tree it is, if
//! any. A node of the text is where a wanted path ends when the tree says
//! so; its first event's position is the location. The cost is one pass
//! over the text plus the paths' length, however many paths are wanted.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};

use super::{FieldPath, Segment};
use crate::problem::Location;

/// A node of the tree of wanted paths.
#[derive(Default)]
struct Wanted {
    /// Paths that end at this node (by their index in the caller's list).
    here: Vec<usize>,
    /// The node under each mapping key.
    keys: HashMap<String, usize>,
    /// Paths that end at a mapping key itself.
    key_names: HashMap<String, Vec<usize>>,
    /// Paths that end at the second occurrence of a mapping key.
    repeated: HashMap<String, Vec<usize>>,
    /// The node at each sequence index.
    indices: HashMap<usize, usize>,
}

/// An open mapping or sequence of the text, and its node in the tree.
enum Frame {
    Map {
        node: Option<usize>,
        /// Whether the next node is a key (else the value of `value`'s key).
        at_key: bool,
        /// The tree's node for the value of the key just read.
        value: Option<usize>,
        /// Occurrences so far of the keys whose repeat is wanted here.
        seen: HashMap<String, usize>,
    },
    Seq {
        node: Option<usize>,
        index: usize,
    },
}

/// Where each of `paths` starts in `text` (`None` where the text has no
/// such node).
pub(super) fn all(text: &str, paths: &[&FieldPath]) -> Vec<Option<Location>> {
    let mut found = vec![None; paths.len()];
    let tree = tree_of(paths);
    let mut remaining = paths.len();
    let mut stack: Vec<Frame> = Vec::new();
    let mut document_started = false;
    for event in Parser::new_from_str(text) {
        if remaining == 0 {
            break;
        }
        let Ok((event, span)) = event else {
            break;
        };
        let mut record = |targets: &[usize], span: &Span| {
            for &target in targets {
                if found[target].is_none() {
                    found[target] = Some(Location {
                        line: span.start.line(),
                        column: span.start.col() + 1,
                    });
                    remaining -= 1;
                }
            }
        };
        match event {
            Event::DocumentStart(_) => {
                // Only the first document is read.
                if document_started {
                    break;
                }
                document_started = true;
            }
            Event::Scalar(value, ..) => {
                if let Some(Frame::Map {
                    node,
                    at_key: at_key @ true,
                    value: under,
                    seen,
                }) = stack.last_mut()
                {
                    *at_key = false;
                    *under = None;
                    let Some(node) = *node else { continue };
                    let wanted = &tree[node];
                    if let Some(targets) = wanted.key_names.get(value.as_ref()) {
                        record(targets, &span);
                    }
                    if let Some(targets) = wanted.repeated.get(value.as_ref()) {
                        let count = seen.entry(value.to_string()).or_insert(0);
                        *count += 1;
                        if *count == 2 {
                            record(targets, &span);
                        }
                    }
                    *under = wanted.keys.get(value.as_ref()).copied();
                } else if let Some(node) = next_node(&tree, &mut stack) {
                    record(&tree[node].here, &span);
                }
            }
            Event::Alias(_) => {
                if let Some(node) = next_node(&tree, &mut stack) {
                    record(&tree[node].here, &span);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let node = next_node(&tree, &mut stack);
                if let Some(node) = node {
                    record(&tree[node].here, &span);
                }
                stack.push(match event {
                    Event::MappingStart(..) => Frame::Map {
                        node,
                        at_key: true,
                        value: None,
                        seen: HashMap::new(),
                    },
                    _ => Frame::Seq { node, index: 0 },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    found
}

/// The tree's node for the node of the text that starts now, if it is on
/// a wanted path; moves the enclosing frame on past it. A mapping or
/// sequence used as a key is on no path.
fn next_node(tree: &[Wanted], stack: &mut [Frame]) -> Option<usize> {
    match stack.last_mut() {
        None => Some(0),
        Some(Frame::Seq { node, index }) => {
            let child = node.and_then(|node| tree[node].indices.get(index).copied());
            *index += 1;
            child
        }
        Some(Frame::Map {
            at_key: at_key @ true,
            value,
            ..
        }) => {
            *at_key = false;
            *value = None;
            None
        }
        Some(Frame::Map { at_key, value, .. }) => {
            *at_key = true;
            value.take()
        }
    }
}

/// The wanted paths merged into a tree; node 0 is the document's root.
fn tree_of(paths: &[&FieldPath]) -> Vec<Wanted> {
    let mut tree = vec![Wanted::default()];
    for (target, path) in paths.iter().enumerate() {
        let mut node = 0;
        let mut ends_at_node = true;
        for segment in &path.0 {
            let next = tree.len();
            let child = match segment {
                Segment::Key(key) => *tree[node].keys.entry(key.clone()).or_insert(next),
                Segment::Index(index) => *tree[node].indices.entry(*index).or_insert(next),
                // A key itself, or its repeat, is where a path ends.
                Segment::KeyName(key) => {
                    tree[node]
                        .key_names
                        .entry(key.clone())
                        .or_default()
                        .push(target);
                    ends_at_node = false;
                    break;
                }
                Segment::RepeatedKey(key) => {
                    tree[node]
                        .repeated
                        .entry(key.clone())
                        .or_default()
                        .push(target);
                    ends_at_node = false;
                    break;
                }
            };
            if child == next {
                tree.push(Wanted::default());
            }
            node = child;
        }
        if ends_at_node {
            tree[node].here.push(target);
        }
    }
    tree
}
