"""Corpus-scale analysis on Dask: partitioned input, worker-side models, Parquet output.

``run_batch(inputs, out, BatchConfig(...))`` is what ``zitat batch`` calls.
"""

from zitat.batch.inputs import Partition, iter_inputs, partition
from zitat.batch.output import BatchOutput, PartitionReport
from zitat.batch.runner import BatchConfig, BatchSummary, dask_client, run_batch
from zitat.batch.worker import Analyzer, PipelineAnalyzer, analyze_partition, worker_pipeline

__all__ = [
    "Analyzer",
    "BatchConfig",
    "BatchOutput",
    "BatchSummary",
    "Partition",
    "PartitionReport",
    "PipelineAnalyzer",
    "analyze_partition",
    "dask_client",
    "iter_inputs",
    "partition",
    "run_batch",
    "worker_pipeline",
]
