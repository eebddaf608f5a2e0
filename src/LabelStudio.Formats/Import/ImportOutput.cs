using System.Text;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Import;

/// <summary>Writes the tasks file and its config so that both appear, or neither.</summary>
internal static class ImportOutput
{
    public static async Task<(string TasksPath, string ConfigPath)> WriteAsync(
        string outputPath, string configXml, IAsyncEnumerable<LabelStudioTask> tasks, CancellationToken cancellationToken)
    {
        var tasksPath = Path.GetFullPath(outputPath);
        var configPath = ImportPaths.GetLabelConfigPath(tasksPath);
        var temporaryConfig = Path.Combine(Path.GetDirectoryName(configPath) ?? ".", $".{Path.GetFileName(configPath)}.{Guid.NewGuid():N}.tmp");
        var tasksWritten = false;
        try
        {
            await File.WriteAllTextAsync(temporaryConfig, configXml + "\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);

            // The tasks file itself is written to a temporary file and moved into place by the serializer.
            await LabelStudioJson.WriteTasksToFileAsync(tasksPath, tasks, cancellationToken: cancellationToken).ConfigureAwait(false);
            tasksWritten = true;
            File.Move(temporaryConfig, configPath, overwrite: true);
            return (tasksPath, configPath);
        }
        catch
        {
            if (tasksWritten)
            {
                TryDelete(tasksPath);
            }

            throw;
        }
        finally
        {
            TryDelete(temporaryConfig);
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
            // Best effort: the original error is the one to report.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
