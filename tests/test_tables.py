"""ui.tables.indexed: the Arrow table pandas would make, made without pandas per call."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from ui import tables


@pytest.mark.parametrize("columns, index", [
    (("formula", "imagined", "actual", "SE"), ("mean x", "mean y", "var x", "var y")),
    (("x₉₉₉[0]", "x̂₀[0]", "x₉₉₉[1]", "x̂₀[1]", "‖x₉₉₉‖"), ("公式", "引擎")),
])
def test_the_table_is_the_one_pandas_makes(columns, index):
    rng = np.random.default_rng(0)
    values = rng.normal(size=(len(index), len(columns)))
    frame = pd.DataFrame(values, columns=list(columns), index=list(index))
    want = pa.Table.from_pandas(frame)
    got = tables.indexed(columns, index, values.astype(np.float32))  # float32 in: float64
    assert got.schema.equals(want.schema, check_metadata=True)
    again = tables.indexed(columns, index, values)  # the schema from the cache this time
    assert again.equals(want, check_metadata=True)
    # what Streamlit shows: the row names as the index, the numbers as they were, NaN too
    values[0, -1] = np.nan
    frame.iloc[0, -1] = np.nan
    pd.testing.assert_frame_equal(tables.indexed(columns, index, values).to_pandas(), frame)


def test_bad_layouts_are_refused():
    with pytest.raises(ValueError, match="columns"):
        tables.indexed(("a", "a"), ("r",), [[1.0, 2.0]])
    with pytest.raises(ValueError, match="values"):
        tables.indexed(("a", "b"), ("r", "s"), [[1.0, 2.0]])
