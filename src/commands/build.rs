//! `hopeprint build`: every document of the catalogue for every edition, in parallel,
//! into `out/<edition>/`; documents whose inputs have not changed are not rendered again.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use minijinja::Environment;

use super::Outcome;
use super::{output_options, print_overrides, print_run};
use crate::catalog::{Catalog, Names, expand};
use crate::cli::BuildArgs;
use crate::content::Library;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Document, resolve_request};
use crate::edition::{PosterOrientation, edition_ids};
use crate::layout;
use crate::manifest::{Entry, Manifest, hash_inputs};
use crate::output::create_dir;
use crate::prepare::{Prepared, prepare};
use crate::project::{Project, display_path};
use crate::render;
use crate::typeset::Typesetter;
use crate::web::{self, Listed, Site};

/// One document to make: its edition (index into the prepared editions), the document,
/// where it goes, its key in the manifest, the hash of its inputs and, for the web
/// edition, its page (made while planning, as its hash covers it).
struct Job {
    edition: usize,
    document: Document,
    path: PathBuf,
    key: String,
    hash: String,
    page: Option<String>,
    /// The length of its generated Typst: a rough measure of the work it takes.
    weight: usize,
}

/// An edition ready to build: its content and settings, and for the web edition its
/// site and the documents its index lists (by key, in the catalogue's order, whichever
/// shard makes them).
struct EditionRun {
    id: String,
    prepared: Prepared,
    site: Option<Site>,
    listing: Vec<(String, Listed)>,
}

/// How a job ended.
enum Done {
    Rendered(usize),
    UpToDate(usize),
}

/// What a build is about to do: the editions, ready to print, and the jobs of all of
/// them; documents that could not even be resolved are failures already.
struct Plan {
    editions: Vec<EditionRun>,
    jobs: Vec<Job>,
    failures: Vec<Diagnostic>,
}

pub fn run(project: &Project, args: &BuildArgs) -> Outcome {
    let started = Instant::now();
    for warning in super::layouts::unknown_blocks(project) {
        warning.emit();
    }
    let env = layout::environment(project);
    let Plan {
        editions,
        jobs,
        mut failures,
    } = plan(project, args, &env)?;
    crate::output::refuse_sources(project, &args.out).map_err(|d| vec![d])?;
    create_dir(&args.out).map_err(|d| vec![d])?;
    // One build at a time into a folder: the second waits for the first. A lock that is
    // refused (a link, a FIFO) stops the build before any edition's folder is made.
    let _lock = crate::manifest::lock(&args.out).map_err(|d| vec![d])?;
    for edition in &editions {
        create_dir(&args.out.join(&edition.id)).map_err(|d| vec![d])?;
    }
    let results = render_jobs(project, args, &env, &editions, &jobs, &mut failures);
    failures.extend(write_indexes(project, args, &env, &editions));
    let (mut pages, mut rendered, mut fresh) = (0, 0, 0);
    for result in results {
        match result {
            Ok(Done::Rendered(n)) => (pages, rendered) = (pages + n, rendered + 1),
            Ok(Done::UpToDate(n)) => (pages, fresh) = (pages + n, fresh + 1),
            Err(d) => failures.push(d),
        }
    }
    crate::diag::emit_all(&failures);
    if !args.quiet || !failures.is_empty() {
        eprintln!(
            "{} documents ({pages} pages) of {} edition{} in {}: {rendered} rendered, {fresh} up to date{}, {:.2} s",
            rendered + fresh,
            editions.len(),
            if editions.len() == 1 { "" } else { "s" },
            display_path(&args.out),
            match failures.len() {
                0 => String::new(),
                n => format!(", {n} failed"),
            },
            started.elapsed().as_secs_f64(),
        );
    }
    Ok(match failures.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::FAILURE,
    })
}

/// The editions to build: `--edition`, else the catalogue's, else every edition.
fn edition_list(
    project: &Project,
    args: &BuildArgs,
    catalog: &Catalog,
) -> Result<Vec<String>, Diagnostics> {
    let ids = match &args.print.edition {
        Some(id) => vec![id.clone()],
        None if !catalog.editions.is_empty() => catalog.editions.clone(),
        None => edition_ids(project),
    };
    if ids.is_empty() {
        return Err(vec![
            Diagnostic::error("there are no editions to build")
                .hint("add an edition file to content/editions/"),
        ]);
    }
    Ok(ids)
}

/// Prepares every edition and resolves every document of the catalogue for each, with the
/// hash of its inputs; keeps this shard's jobs, posters first.
fn plan(project: &Project, args: &BuildArgs, env: &Environment<'_>) -> Result<Plan, Diagnostics> {
    let base = Library::load_checked(project)?;
    let catalog = Catalog::load(project).map_err(|d| vec![d])?;
    let fonts = Typesetter::new(project, args.print.system_fonts).map_err(|d| vec![d])?;
    // What every document shares: the layouts' Typst files, the fonts, the options, the tool.
    let shared = shared_inputs(project, args);
    let mut plan = Plan {
        editions: vec![],
        jobs: vec![],
        failures: vec![],
    };
    for id in edition_list(project, args, &catalog)? {
        let prepared = prepare(
            project,
            print_run(&args.print),
            &id,
            &base,
            &catalog,
            &fonts,
        )?;
        super::report_untranslated(&prepared, None);
        if let Some(loaded) = &prepared.settings.edition
            && let Some(warning) = super::init::placeholders(project, loaded)
        {
            warning.emit();
        }
        let site = match output_options(&args.print).format {
            render::Format::Html => {
                let edition = prepared.settings.edition.as_ref();
                Some(Site::new(project, edition, true).map_err(|d| vec![d])?)
            }
            _ => None,
        };
        let mut run = EditionRun {
            id,
            prepared,
            site,
            listing: vec![],
        };
        plan_edition(args, env, &catalog, &shared, &mut run, &mut plan);
        plan.editions.push(run);
    }
    if let Some((i, n)) = args.shard {
        // Deterministic: the same slice for the same catalogue, whatever the machine.
        plan.jobs.sort_by(|a, b| a.key.cmp(&b.key));
        plan.jobs = (plan.jobs.into_iter().enumerate())
            .filter(|(k, _)| k % n == i - 1)
            .map(|(_, j)| j)
            .collect();
    }
    // Posters first: they take longest, and a long job last would leave a core idle.
    plan.jobs
        .sort_by_key(|job| matches!(job.document.fit, crate::document::Fit::Flow { .. }));
    Ok(plan)
}

/// Adds the jobs of one edition (the next in `plan.editions`) to the plan.
fn plan_edition(
    args: &BuildArgs,
    env: &Environment<'_>,
    catalog: &Catalog,
    shared: &str,
    run: &mut EditionRun,
    plan: &mut Plan,
) {
    let (id, prepared) = (&run.id, &run.prepared);
    let extension = super::format_name(output_options(&args.print).format);
    let edition = prepared.settings.edition.as_ref();
    let by_component =
        edition.is_some_and(|e| e.edition.poster_orientation == PosterOrientation::Component);
    let edition_inputs = format!(
        "{:?} {}",
        edition.map(|e| e.typst_inputs()),
        prepared.settings.date
    );
    let overrides = print_overrides(&args.print);
    let mut names = Names::default();
    for (index, mut request) in expand(&catalog.entries, by_component, &prepared.library.model) {
        request.print = request.print.overridden_by(&overrides);
        let document = match resolve_request(&prepared.library, &request, &prepared.settings) {
            Ok(document) => match names.record(catalog, index, &request, &document.name) {
                Ok(true) => document,
                Ok(false) => continue,
                Err(d) => {
                    plan.failures.push(d);
                    continue;
                }
            },
            Err(d) => {
                plan.failures.push(catalog.locate(index, d));
                continue;
            }
        };
        if run.site.is_some() && format!("{}.html", document.name) == web::INDEX {
            plan.failures.push(
                catalog.locate(
                    index,
                    Diagnostic::error(format!(
                        "a document named `{}` would replace the web edition's {}",
                        document.name,
                        web::INDEX
                    ))
                    .hint("give it another `name:`"),
                ),
            );
            continue;
        }
        let (source, page) = match sources(env, run.site.as_ref(), &document) {
            Ok(sources) => sources,
            Err(d) => {
                plan.failures.push(d);
                continue;
            }
        };
        let key = format!("{id}/{}.{extension}", document.name);
        let hash = hash_inputs(&[
            source.as_bytes(),
            shared.as_bytes(),
            edition_inputs.as_bytes(),
            page.as_deref().unwrap_or_default().as_bytes(),
        ]);
        if run.site.is_some() {
            run.listing.push((key.clone(), Listed::new(&document)));
        }
        plan.jobs.push(Job {
            edition: plan.editions.len(),
            document,
            path: args.out.join(&key),
            key,
            hash,
            page,
            weight: source.len(),
        });
    }
}

/// A document's generated Typst and, for the web edition (`site`), its web page: what its
/// hash covers.
fn sources(
    env: &Environment<'_>,
    site: Option<&Site>,
    document: &Document,
) -> Result<(String, Option<String>), Diagnostic> {
    let source = layout::render(env, &document.layout, &document.context)?;
    let page = site
        .map(|site| web::page(env, site, document, &format!("{}.pdf", document.name)))
        .transpose()?;
    Ok((source, page))
}

/// Renders every job that is not up to date, in parallel, and saves the manifest.
fn render_jobs(
    project: &Project,
    args: &BuildArgs,
    env: &Environment<'_>,
    editions: &[EditionRun],
    jobs: &[Job],
    failures: &mut Vec<Diagnostic>,
) -> Vec<Result<Done, Diagnostic>> {
    // With --force nothing counts as up to date, but the entries of documents this run
    // does not make (another shard, another edition) are kept.
    let previous = Manifest::load(&args.out);
    let manifest = Mutex::new(previous.clone());
    let options = output_options(&args.print);
    let progress = Progress::new(jobs.len(), args.quiet, args.verbose);
    // The longest first, so that no thread is left with a long document at the end while
    // the other waits.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].weight));
    let results = each_on_all_threads(jobs, &order, |job| {
        let EditionRun { id, prepared, .. } = &editions[job.edition];
        let name = format!("{id}/{}", job.document.name);
        if let Some(pages) =
            (previous.is_fresh(&job.key, &job.hash, &args.out)).filter(|_| !args.force)
        {
            progress.done(&name, "up to date");
            return Ok(Done::UpToDate(pages));
        }
        // A web page that cannot be written stops its document before its PDF is written.
        let writable = match &job.page {
            Some(_) => crate::output::may_write(project, &job.path),
            None => Ok(()),
        };
        let result = writable
            .and_then(|()| render::typeset(&prepared.typesetter, env, &job.document, prepared.date))
            .and_then(|typeset| {
                let date = prepared.date;
                let mut written =
                    render::write(project, &job.document, &typeset, &job.path, &options, date)?;
                if let Some(page) = &job.page {
                    written.push(web::write_page(project, &job.path, page)?);
                    written.push(web::write_thumbnail(project, &typeset.pages, &job.path)?);
                }
                Ok((typeset.pages.pages().len(), written, typeset.warnings))
            });
        // Typst's memo cache grows with every document. Evicting what no compile has
        // used since the last eviction keeps it small without taking from under the
        // other thread's document what it is still using.
        typst::comemo::evict(1);
        match result {
            Ok((pages, written, warnings)) => {
                for warning in &warnings {
                    progress.warn(&name, warning);
                }
                if let Ok(mut m) = manifest.lock() {
                    let entry = Entry::new(&job.hash, pages, &args.out, &written);
                    m.entries.insert(job.key.clone(), entry);
                    // Saved after each document: a build killed now keeps what it made.
                    // A failure here is reported by the save at the end.
                    let _ = m.save(&args.out);
                }
                let plural = if pages == 1 { "" } else { "s" };
                progress.done(&name, &format!("{pages} page{plural}"));
                Ok(Done::Rendered(pages))
            }
            Err(d) => {
                progress.done(&name, "failed");
                Err(d)
            }
        }
    });
    progress.finish();
    let mut manifest = manifest.into_inner().unwrap_or_default();
    if let Err(d) = manifest.save(&args.out) {
        failures.push(d);
    }
    results
}

/// Writes the index of each edition's web folder: the documents of its catalogue that
/// have been made (by this build or an earlier one, of any shard), with their PDFs' sizes
/// and pages as the manifest records them.
fn write_indexes(
    project: &Project,
    args: &BuildArgs,
    env: &Environment<'_>,
    editions: &[EditionRun],
) -> Vec<Diagnostic> {
    let manifest = Manifest::load(&args.out);
    let mut failures = vec![];
    for run in editions {
        let (Some(site), Some(edition)) = (&run.site, &run.prepared.settings.edition) else {
            continue;
        };
        let listed: Vec<Listed> = (run.listing.iter())
            .filter_map(|(key, listed)| {
                let entry = manifest.entries.get(key)?;
                let pdf = entry.files.iter().find(|f| f.path.ends_with(".pdf"))?;
                Some(listed.clone().made(pdf.size, entry.pages))
            })
            .collect();
        let labels = &run.prepared.library.labels;
        let written = web::index(env, site, edition, labels, &listed)
            .and_then(|html| web::write_index(project, &args.out.join(&run.id), &html));
        if let Err(d) = written {
            failures.push(d);
        }
    }
    failures
}

/// The inputs every document shares, as one text to hash: the layouts' Typst files, the
/// fonts, the output options and the hopeprint version.
fn shared_inputs(project: &Project, args: &BuildArgs) -> String {
    let mut text = format!(
        "hopeprint {} {:?} {:?}",
        env!("CARGO_PKG_VERSION"),
        output_options(&args.print),
        args.print.system_fonts
    );
    for dir in ["layouts", "fonts"] {
        for path in project.list(dir, "") {
            if path.ends_with(".typ.j2") {
                continue; // Templates are part of each document's generated source.
            }
            if let Ok(Some(file)) = project.read(&path) {
                text.push_str(&format!(
                    "\n{path} {:032x}",
                    typst::utils::hash128(&file.bytes)
                ));
            }
        }
    }
    text
}

/// A progress bar on a terminal, plain lines otherwise, nothing with --quiet.
struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    verbose: bool,
    total: usize,
    done: std::sync::atomic::AtomicUsize,
}

impl Progress {
    fn new(total: usize, quiet: bool, verbose: bool) -> Progress {
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let bar = ProgressBar::new(total as u64);
            let colour = std::env::var_os("NO_COLOR").is_none();
            let template = if colour {
                "{bar:30.cyan/blue} {pos}/{len} {wide_msg}"
            } else {
                "{bar:30} {pos}/{len} {wide_msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            quiet,
            verbose,
            total,
            done: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn done(&self, name: &str, what: &str) {
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(name.to_string());
                if self.verbose || what == "failed" {
                    bar.println(format!("{name}: {what}"));
                }
            }
            None if self.quiet => {}
            None if what == "up to date" && !self.verbose => {}
            None => eprintln!("[{n}/{}] {name} ({what})", self.total),
        }
    }

    /// A document's warning (typst's, or hopeprint's on its layout), named, shown even
    /// with --quiet: it may mean the document is not as it should be.
    fn warn(&self, name: &str, warning: &str) {
        let line = format!("{name}: {warning}");
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Runs `work` on every job, one job at a time on each of rayon's threads, taking the jobs
/// in the order of their indices in `order`, and returns the results in the jobs' order.
/// Each thread runs one long task that takes the next job when it has finished the last:
/// typst and its PDF writer wait for their own parallel work by yielding to rayon, and
/// with a plain `par_iter` a waiting thread would start another whole document on top of
/// the one it is in, holding both in memory (and so on: a cold build of the catalogue held
/// several hundred megabytes).
fn each_on_all_threads<T: Sync, R: Send>(
    jobs: &[T],
    order: &[usize],
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    rayon::broadcast(|_| {
        loop {
            let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(taken) else { break };
            let Some(job) = jobs.get(i) else { break };
            let result = work(job);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(result);
            }
        }
    });
    results
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::each_on_all_threads;
    use std::sync::Mutex;

    #[test]
    fn jobs_are_taken_in_the_given_order_and_their_results_returned_in_the_jobs_order() {
        let jobs: Vec<usize> = (0..8).collect();
        let order = [5, 7, 0, 3, 1, 6, 2, 4];
        let taken = Mutex::new(vec![]);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let results = pool.install(|| {
            each_on_all_threads(&jobs, &order, |&job| {
                taken.lock().unwrap().push(job);
                job * 10
            })
        });
        assert_eq!(taken.into_inner().unwrap(), order);
        assert_eq!(results, (0..8).map(|j| j * 10).collect::<Vec<_>>());
    }
}
