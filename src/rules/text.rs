//! The laid-out lines of a filing joined into one string, with a map from byte offsets back
//! to (page, line), so that a pattern can match across a line or page break and still be
//! reported where it starts.

use super::TextLine;

/// All lines joined with `\n`, in the order given.
pub(crate) struct Joined {
    pub text: String,
    /// Byte offset at which each line starts in `text`.
    starts: Vec<usize>,
    /// (page, line) of each line.
    places: Vec<(usize, usize)>,
}

impl Joined {
    pub fn new(lines: &[TextLine]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        let mut places = Vec::with_capacity(lines.len());
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            starts.push(text.len());
            places.push((l.page, l.line));
            text.push_str(&l.text);
        }
        Joined {
            text,
            starts,
            places,
        }
    }

    /// The (page, line) of the line that contains byte offset `at`.
    pub fn place(&self, at: usize) -> (usize, usize) {
        let i = match self.starts.binary_search(&at) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        self.places.get(i).copied().unwrap_or((0, 0))
    }

    /// Up to `n` bytes of text before byte offset `at` (shortened to a character boundary).
    pub fn before(&self, at: usize, n: usize) -> &str {
        let end = floor_boundary(&self.text, at);
        let start = ceil_boundary(&self.text, end.saturating_sub(n));
        self.text.get(start..end).unwrap_or("")
    }

    /// Up to `n` bytes of text after byte offset `at` (shortened to a character boundary).
    pub fn after(&self, at: usize, n: usize) -> &str {
        let start = ceil_boundary(&self.text, at);
        let end = floor_boundary(&self.text, start.saturating_add(n));
        self.text.get(start..end).unwrap_or("")
    }

    /// The character just before byte offset `at`, and the one before that.
    pub fn prev_chars(&self, at: usize) -> (Option<char>, Option<char>) {
        let mut it = self
            .text
            .get(..floor_boundary(&self.text, at))
            .unwrap_or("")
            .chars()
            .rev();
        (it.next(), it.next())
    }

    /// The character at byte offset `at`, and the one after it.
    pub fn next_chars(&self, at: usize) -> (Option<char>, Option<char>) {
        let mut it = self
            .text
            .get(ceil_boundary(&self.text, at)..)
            .unwrap_or("")
            .chars();
        (it.next(), it.next())
    }
}

/// The largest character boundary of `s` at or before `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or after `i`.
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_map_back_to_lines() {
        let lines = vec![
            TextLine::new(1, 1, "abc"),
            TextLine::new(1, 2, ""),
            TextLine::new(2, 1, "défg"),
        ];
        let j = Joined::new(&lines);
        assert_eq!(j.text, "abc\n\ndéfg");
        assert_eq!(j.place(0), (1, 1));
        assert_eq!(j.place(3), (1, 1)); // the joining newline belongs to the line before
        assert_eq!(j.place(4), (1, 2));
        assert_eq!(j.place(5), (2, 1));
        assert_eq!(j.place(100), (2, 1));
    }

    #[test]
    fn windows_respect_char_boundaries() {
        let lines = vec![TextLine::new(1, 1, "ééé123")];
        let j = Joined::new(&lines);
        // byte 3 is inside the second é
        assert_eq!(j.before(3, 10), "é");
        assert_eq!(j.after(3, 2), "é");
        assert_eq!(j.before(1000, 3), "123");
        assert_eq!(j.prev_chars(6), (Some('é'), Some('é')));
        assert_eq!(j.next_chars(6), (Some('1'), Some('2')));
        assert_eq!(j.prev_chars(0), (None, None));
        assert_eq!(Joined::new(&[]).place(0), (0, 0));
    }
}
