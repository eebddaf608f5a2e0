using System.Reflection;
using LabelStudio.Client.Http;

namespace LabelStudio.Client.Tests;

/// <summary>Every community, public, non-deprecated operation of the spec (endpoints.tsv) has a client method.</summary>
public class CoverageTests
{
    /// <summary>
    /// Operations whose bodies are tasks, annotations or predictions: they wait for the Formats models
    /// (LabelStudioTask, Annotation, Prediction) and arrive with the task sub-clients. This list may only shrink.
    /// </summary>
    private static readonly string[] Pending =
    [
        "api_annotations_bulk_delete_create",
        "api_annotations_bulk_create",
        "api_annotations_destroy",
        "api_annotations_retrieve",
        "api_annotations_partial_update",
        "api_tasks_annotations_list",
        "api_tasks_annotations_create",
        "api_predictions_list",
        "api_predictions_create",
        "api_predictions_destroy",
        "api_predictions_retrieve",
        "api_predictions_partial_update",
        "api_projects_import_predictions_create",
    ];

    internal static IReadOnlyList<(string Method, string Path, string OperationId)> CommunityPublicOperations()
    {
        var lines = File.ReadAllLines(Path.Combine(LabelStudio.Testing.RepositoryPaths.TestData, "Client", "endpoints.tsv"));
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        var (method, path, op, edition, hint, audience, deprecated) =
            (Col("method"), Col("path"), Col("operationId"), Col("edition"), Col("edition_hint"), Col("fern_audience"), Col("deprecated"));
        return lines.Skip(1)
            .Select(l => l.Split('\t'))
            .Where(c => c[edition] == "community" && c[hint].Length == 0 && c[audience] == "public" && c[deprecated] == "no")
            .Select(c => (c[method], c[path], c[op]))
            .ToList();
    }

    internal static HashSet<string> ImplementedOperations() =>
        typeof(LabelStudioClient).Assembly.GetTypes()
            .Where(t => t.IsPublic)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<OperationAttribute>())
            .Select(a => a.OperationId)
            .ToHashSet(StringComparer.Ordinal);

    [Test]
    public void Endpoints_CommunityPublicFilter_Gives164Operations()
    {
        // The issue counts 164 such operations; a different number means the copied endpoints.tsv or the filter changed.
        CommunityPublicOperations().Should().HaveCount(164);
    }

    [Test]
    public void Client_EveryCommunityPublicOperation_HasAMethodOrIsPending()
    {
        var implemented = ImplementedOperations();
        var missing = CommunityPublicOperations().Select(o => o.OperationId).Where(id => !implemented.Contains(id) && !Pending.Contains(id)).ToList();
        missing.Should().BeEmpty("every community public operation needs a client method");
    }

    [Test]
    public void Pending_NoOperation_AlreadyHasAMethod()
    {
        var implemented = ImplementedOperations();
        Pending.Where(implemented.Contains).Should().BeEmpty("an implemented operation must leave the pending list");
    }

    [Test]
    public void Pending_EveryEntry_IsACommunityPublicOperation()
    {
        var all = CommunityPublicOperations().Select(o => o.OperationId).ToHashSet();
        Pending.Where(p => !all.Contains(p)).Should().BeEmpty();
    }

    [Test]
    public void OperationAttributes_EveryName_ExistsInTheSpec()
    {
        var all = File.ReadAllLines(Path.Combine(LabelStudio.Testing.RepositoryPaths.TestData, "Client", "endpoints.tsv"))
            .Skip(1).Select(l => l.Split('\t')[2]).ToHashSet();
        ImplementedOperations().Where(id => !all.Contains(id)).Should().BeEmpty("a typo in an [Operation] name would fake coverage");
    }
}
