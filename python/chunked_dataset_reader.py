"""The seed tool's module name: ``from chunked_dataset_reader import ChunkedDatasetReader`` keeps working."""
from vstds_data.chunked_dataset_reader import ChunkedDatasetReader
from vstds_data.errors import ChunkReadError, DatasetNotFoundError, SampleNotFoundError, VstdsDataError

__all__ = ["ChunkedDatasetReader", "ChunkReadError", "DatasetNotFoundError", "SampleNotFoundError", "VstdsDataError"]
