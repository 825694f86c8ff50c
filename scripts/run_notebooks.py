"""Execute notebooks in fresh kernels, with a per-cell timeout that names the notebook and cell.

    python scripts/run_notebooks.py [--timeout S] [--inplace | --output-dir DIR]
                                    [-p NAME VALUE ...] NOTEBOOK [NOTEBOOK ...]

Used by ``make notebooks`` (``--inplace``), by the tests and by ``benchmarks/soak_notebooks.py``.
Each notebook runs top to bottom in a new kernel started from the notebook's own folder.
Saving is byte-stable: an unchanged notebook on unchanged inputs is written back identical, so
``git status`` stays clean after a re-run (no per-cell timestamps, one kernelspec for every
notebook, widget models -- whose ids are random and which are not live in a saved file --
dropped in favour of their text form).

A cell that produces no reply within ``--timeout`` seconds (default ``CELL_TIMEOUT``: five
minutes, far above any cell on the seed corpus; raise it for a very large corpus) stops the run
with an error naming the notebook, the cell and its first line. Parameters given with ``-p`` are
written into a cell after the one tagged ``parameters`` (as papermill does); values are parsed as
Python literals when they are valid ones, else kept as strings.
"""
from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

#: Seconds a cell may run (or a kernel may stay silent) before the run fails.
CELL_TIMEOUT = int(os.environ.get("NB_CELL_TIMEOUT", "300"))
#: One kernelspec for every saved notebook (the environment's own kernel).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class NotebookError(RuntimeError):
    """A notebook failed: the message names the notebook, the cell and what went wrong."""


def _cell_label(nb, index):
    cell = nb.cells[index]
    first = next((ln for ln in cell.source.splitlines() if ln.strip()), "").strip()
    code_no = sum(1 for c in nb.cells[:index + 1] if c.cell_type == "code")
    return f"cell {index + 1} of {len(nb.cells)} (code cell {code_no}: {first[:70]!r})"


def inject_parameters(nb, params):
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell (or first)."""
    if not params:
        return nb
    lines = ["# Parameters injected by scripts/run_notebooks.py"]
    lines += [f"{name} = {value!r}" for name, value in params.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"  # not a random id: the saved file must not change between runs
    at = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), 0)
    nb.cells.insert(at, cell)
    return nb


def normalise(nb):
    """Make the saved file depend only on the notebook and its inputs (see the module doc)."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data and WIDGET_MIME in data:
                del data[WIDGET_MIME]
    return nb


def execute_notebook(path, output=None, timeout=CELL_TIMEOUT, params=None, startup_timeout=120):
    """Execute the notebook at ``path`` in a fresh kernel (working folder: the notebook's own)
    and write it to ``output`` (``path`` itself for in-place; None: do not save). Returns the
    executed notebook. Raises NotebookError naming notebook and cell on an error or a timeout."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, params or {})
    client = NotebookClient(
        nb, timeout=timeout, startup_timeout=startup_timeout, kernel_name=KERNELSPEC["name"],
        record_timing=False, allow_errors=False,
        resources={"metadata": {"path": str(path.parent.resolve())}})
    current = {"index": -1}

    def on_cell_start(cell, cell_index, **_):
        current["index"] = cell_index

    client.on_cell_start = on_cell_start
    try:
        client.execute()
    except CellTimeoutError:
        raise NotebookError(f"{path}: {_cell_label(nb, current['index'])} gave no reply within {timeout} s "
                            f"(per-cell timeout; a hung kernel or a cell that needs longer: raise "
                            f"NB_CELL_TIMEOUT / --timeout)") from None
    except CellExecutionError as e:
        raise NotebookError(f"{path}: {_cell_label(nb, current['index'])} raised an error:\n{e}") from None
    except DeadKernelError as e:
        raise NotebookError(f"{path}: the kernel died in {_cell_label(nb, current['index'])}: {e}") from None
    except RuntimeError as e:  # e.g. the kernel did not start within startup_timeout
        if isinstance(e, NotebookError):
            raise
        raise NotebookError(f"{path}: {e}") from None
    normalise(nb)
    if output is not None:
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, output)
    return nb


def _literal(value):
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help="seconds per cell (default %(default)s)")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--inplace", action="store_true", help="save each notebook over itself")
    where.add_argument("--output-dir", help="save executed notebooks here (default: do not save)")
    ap.add_argument("-p", "--param", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    args = ap.parse_args(argv)
    params = {k: _literal(v) for k, v in args.param}
    for nb in args.notebooks:
        out = Path(nb) if args.inplace else (Path(args.output_dir) / Path(nb).name if args.output_dir else None)
        t0 = time.perf_counter()
        print(f"execute {nb}", flush=True)
        try:
            execute_notebook(nb, out, timeout=args.timeout, params=params)
        except NotebookError as e:
            print(f"FAILED after {time.perf_counter() - t0:.0f} s: {e}", file=sys.stderr, flush=True)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
