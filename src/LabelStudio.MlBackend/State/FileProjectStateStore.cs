using System.Collections.Concurrent;
using System.Text.Json;

namespace LabelStudio.MlBackend.State;

/// <summary>
/// The embedded default <see cref="IProjectStateStore"/>: one JSON file per project under a data folder
/// (<c>&lt;root&gt;/projects/&lt;id&gt;/state.json</c>, model files beside it in <c>model/</c>), written atomically
/// so a crash never leaves a half-written state, and surviving restarts. Safe for concurrent use within one process.
/// The store owns its folder: what it read or wrote is kept in memory, so <see cref="GetAsync"/> (called by every
/// <c>/predict</c>) touches neither the disk nor a lock after the first call for a project.
/// </summary>
public sealed class FileProjectStateStore : IProjectStateStore, IDisposable
{
    private const string StateFileName = "state.json";
    private readonly string _projectsRoot;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    /// <summary>Creates a store rooted at <paramref name="dataDirectory"/>, which is created if missing.</summary>
    public FileProjectStateStore(string dataDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        _projectsRoot = Path.Combine(DataDirectory, "projects");
        _timeProvider = timeProvider ?? TimeProvider.System;
        Directory.CreateDirectory(_projectsRoot);
    }

    /// <summary>The absolute data folder this store writes under.</summary>
    public string DataDirectory { get; }

    /// <inheritdoc />
    public async Task<ProjectState?> GetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        // Writes replace the entry under the project's lock, so a reader sees the old or the new state, never a mix.
        if (_known.TryGetValue(projectId, out var known))
        {
            return known.State;
        }

        ProjectId.Validate(projectId);
        var gate = GetLock(projectId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_known.TryGetValue(projectId, out known))
            {
                return known.State;
            }

            var state = await ReadAsync(projectId, cancellationToken).ConfigureAwait(false);
            _known[projectId] = new Known(state);
            return state;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(ProjectState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ProjectId.Validate(state.ProjectId);
        var gate = GetLock(state.ProjectId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(state, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<ProjectState> UpdateAsync(string projectId, Func<ProjectState?, ProjectState> update, CancellationToken cancellationToken = default)
    {
        ProjectId.Validate(projectId);
        ArgumentNullException.ThrowIfNull(update);
        var gate = GetLock(projectId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _known.TryGetValue(projectId, out var known) ? known.State : await ReadAsync(projectId, cancellationToken).ConfigureAwait(false);
            var updated = update(current);
            if (updated is null || updated.ProjectId != projectId)
            {
                throw new InvalidOperationException($"The update of project {projectId} must return a state of that project.");
            }

            updated = updated with { UpdatedAt = _timeProvider.GetUtcNow() };
            await WriteAsync(updated, cancellationToken).ConfigureAwait(false);
            return updated;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public string GetModelDirectory(string projectId)
    {
        ProjectId.Validate(projectId);
        var directory = Path.Combine(_projectsRoot, projectId, "model");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var gate in _locks.Values)
        {
            gate.Dispose();
        }

        _locks.Clear();
    }

    private SemaphoreSlim GetLock(string projectId) => _locks.GetOrAdd(projectId, static _ => new SemaphoreSlim(1, 1));

    private string StatePath(string projectId) => Path.Combine(_projectsRoot, projectId, StateFileName);

    private async Task<ProjectState?> ReadAsync(string projectId, CancellationToken cancellationToken)
    {
        var path = StatePath(projectId);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            ProjectState? state;
            try
            {
                state = await JsonSerializer.DeserializeAsync(stream, StateJsonContext.Default.ProjectState, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"The state file of project {projectId} ({path}) is not valid: {ex.Message}", ex);
            }

            if (state is null || state.ProjectId != projectId || string.IsNullOrWhiteSpace(state.ModelVersion))
            {
                throw new InvalidDataException($"The state file of project {projectId} ({path}) does not hold that project's state.");
            }

            return state;
        }
    }

    private async Task WriteAsync(ProjectState state, CancellationToken cancellationToken)
    {
        var path = StatePath(state.ProjectId);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{StateFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, state, StateJsonContext.Default.ProjectState, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            _known[state.ProjectId] = new Known(state);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temporary file is named so it is never read as state; a leftover does no harm.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>What the store knows about a project; <see langword="null"/> state: it has none.</summary>
    private sealed class Known(ProjectState? state)
    {
        public ProjectState? State { get; } = state;
    }
}
