"""Small live-check tables as Arrow tables made straight from their numbers.

The forward and sampling pages show a 2-4 row table at every t a student reports; as a pandas
DataFrame converted with `pa.Table.from_pandas` it cost ~2-3 ms of the server's GIL per new t
(pandas' constructor and pyarrow's column inference; py-spy, 60 students: ~4 % of all the
server's GIL time). The table's layout (its column names and row names, all float64) depends
only on the language, so the schema pandas would give it (with its metadata: the row names
are the index Streamlit shows) is made once per layout and the numbers are put in it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa


@functools.lru_cache(maxsize=256)
def _schema(columns: tuple, index: tuple) -> tuple[pa.Schema, str]:
    frame = pd.DataFrame({c: np.zeros(len(index)) for c in columns}, index=list(index))
    schema = pa.Table.from_pandas(frame).schema
    (index_name,) = schema.pandas_metadata["index_columns"]
    return schema, index_name


def indexed(columns: Sequence[str], index: Sequence[str], values) -> pa.Table:
    """The table pandas would give for DataFrame(values, columns=columns, index=index)
    (values: rows × columns, float64), without pandas."""
    cols, rows = tuple(columns), tuple(index)
    if len(set(cols)) != len(cols):
        raise ValueError(f"columns must be unique, got {cols}")
    data = np.asarray(values, dtype=np.float64)
    if data.shape != (len(rows), len(cols)):
        raise ValueError(f"values must be {len(rows)} × {len(cols)}, got {data.shape}")
    schema, index_name = _schema(cols, rows)
    by_name = {c: pa.array(data[:, j]) for j, c in enumerate(cols)}
    by_name[index_name] = pa.array(rows, pa.string())
    return pa.Table.from_arrays([by_name[n] for n in schema.names], schema=schema)
