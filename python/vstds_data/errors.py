"""Errors of the Python reader; each message names the file and what was expected."""


class VstdsDataError(Exception):
    code = "E_VSTDS"


class DatasetNotFoundError(VstdsDataError, FileNotFoundError):
    code = "E_NOT_FOUND"


class ChunkReadError(VstdsDataError, OSError):
    """A chunk file is missing, truncated, corrupt or not in the vstds schema."""

    code = "E_CHUNK"

    def __init__(self, path, reason):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class SampleNotFoundError(VstdsDataError, KeyError):
    code = "E_SAMPLE"

    def __str__(self):
        return str(self.args[0])


class SplitNotFoundError(VstdsDataError, FileNotFoundError):
    code = "E_SPLIT"
