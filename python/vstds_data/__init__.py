"""vstds datasets in Python: the chunk reader, split files and a PyTorch Dataset (torch imported lazily)."""
from .chunked_dataset_reader import ChunkedDatasetReader
from .errors import ChunkReadError, DatasetNotFoundError, SampleNotFoundError, SplitNotFoundError, VstdsDataError
from .param_decode import decode_params
from .seeded_random import sample_without_replacement, splitmix64
from .split_files import SPLIT_NAMES, load_stats, open_split

__all__ = [
    "ChunkedDatasetReader", "ChunkReadError", "DatasetNotFoundError", "SampleNotFoundError", "SplitNotFoundError",
    "VstdsDataError", "decode_params", "sample_without_replacement", "splitmix64", "SPLIT_NAMES", "load_stats",
    "open_split", "SplitDataset",
]


def __getattr__(name):
    # torch is optional: only `vstds_data.SplitDataset` imports it.
    if name == "SplitDataset":
        from .torch_dataset import SplitDataset

        return SplitDataset
    raise AttributeError(name)
