//! Where every page of a pack goes: each item is typeset once and its pages repeated for
//! its copies; with duplex printing every copy starts on a right-hand (odd) page and the
//! pack has an even number of pages, blank backs filling the gaps.

/// At most this many pages in one pack (checked before anything is assembled).
pub const MAX_PAGES: u64 = 10_000;

/// One item of a pack: how many pages one copy has, and how many copies are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub pages: usize,
    pub copies: u32,
    /// Printed on one side only (certificates): with duplex, every page has a blank back.
    pub one_sided: bool,
}

impl Item {
    pub fn new(pages: usize, copies: u32) -> Item {
        Item {
            pages,
            copies,
            one_sided: false,
        }
    }
}

/// One page of the pack: page `page` of item `item`, or a blank back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Page { item: usize, page: usize },
    Blank,
}

/// The pack's pages, and the first and last printed page (1-based) of each item's copies:
/// a blank back after the last copy is not the item's page, so a one-page agenda is listed
/// as page 3, not 3–4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub slots: Vec<Slot>,
    pub ranges: Vec<(usize, usize)>,
}

/// The number of pages `items` make, with the blanks duplex printing needs; `None` when
/// it would overflow.
pub fn count(items: &[Item], duplex: bool) -> Option<u64> {
    let mut total: u64 = 0;
    for item in items {
        let pages = u64::try_from(item.pages).ok()?;
        // A copy with an odd number of pages is followed by a blank back.
        let per_copy = if duplex {
            pages.checked_add(pages % 2)?
        } else {
            pages
        };
        total = total.checked_add(per_copy.checked_mul(u64::from(item.copies))?)?;
    }
    Some(total)
}

/// Lays out `items` in order, or says why the pack is too large to print.
pub fn plan(items: &[Item], duplex: bool) -> Result<Plan, String> {
    let total = count(items, duplex)
        .filter(|n| *n <= MAX_PAGES)
        .ok_or_else(|| format!("the pack would have more than {MAX_PAGES} pages"))?;
    let mut slots = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut ranges = vec![];
    for (index, item) in items.iter().enumerate() {
        let first = slots.len() + 1;
        for _ in 0..item.copies {
            for page in 0..item.pages {
                slots.push(Slot::Page { item: index, page });
                if duplex && item.one_sided {
                    slots.push(Slot::Blank);
                }
            }
            if duplex && slots.len() % 2 == 1 {
                slots.push(Slot::Blank);
            }
        }
        let last = slots
            .iter()
            .rposition(|slot| *slot != Slot::Blank)
            .map_or(first, |i| i + 1);
        ranges.push((first, last.max(first)));
    }
    Ok(Plan { slots, ranges })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplex_starts_every_copy_on_an_odd_page_and_ends_even() {
        let items = [Item::new(3, 2), Item::new(1, 1)];
        let plan = plan(&items, true).unwrap();
        assert_eq!(plan.slots.len(), 10);
        assert_eq!(plan.slots[3], Slot::Blank);
        assert_eq!(plan.slots[4], Slot::Page { item: 0, page: 0 });
        assert_eq!(plan.slots[8], Slot::Page { item: 1, page: 0 });
        assert_eq!(
            plan.ranges,
            vec![(1, 7), (9, 9)],
            "blank backs are not listed"
        );
    }

    #[test]
    fn with_duplex_a_one_sided_item_has_a_blank_back_for_every_page() {
        let items = [Item {
            one_sided: true,
            ..Item::new(3, 1)
        }];
        let plan = plan(&items, true).unwrap();
        assert_eq!(plan.slots.len(), 6);
        assert!(
            plan.slots
                .iter()
                .skip(1)
                .step_by(2)
                .all(|s| *s == Slot::Blank)
        );
    }

    #[test]
    fn simplex_adds_no_blank_pages() {
        let items = [Item::new(3, 2), Item::new(1, 1)];
        assert_eq!(plan(&items, false).unwrap().slots.len(), 7);
    }

    #[test]
    fn a_pack_too_large_to_print_is_refused_without_overflowing() {
        let items = [Item::new(usize::MAX, u32::MAX)];
        assert!(count(&items, true).is_none());
        assert!(plan(&items, true).is_err());
        let big = [Item::new(30, 500)];
        assert!(plan(&big, false).unwrap_err().contains("10000 pages"));
    }
}
