using YamlDotNet.RepresentationModel;

namespace LabelStudio.Client.Tests.Contract;

/// <summary>
/// Derives the mock server's spec from the official one, fixing the defects that stop Prism from validating requests or
/// make it fail on its own answers (shared api/README.md "Known defects", reference client.md §11.3). The official file is never changed.
/// </summary>
internal static class SpecPatcher
{
    public sealed record Report(int NullableRemoved, int OneOfRenamed, int ExamplesAdded, int EnumsRelaxed, int ImportBodiesRelaxed);

    public static Report Patch(string sourcePath, string targetPath)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(sourcePath))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var counts = new int[4];
        Walk(root, counts);
        var importBodies = RelaxImportBody(root);

        using (var writer = new StreamWriter(targetPath))
        {
            yaml.Save(writer, assignAnchors: false);
        }

        return new Report(counts[0], counts[1], counts[2], counts[3], importBodies);
    }

    private static void Walk(YamlNode node, int[] counts)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                PatchMapping(mapping, counts);
                foreach (var child in mapping.Children.Values.ToList())
                {
                    Walk(child, counts);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    Walk(child, counts);
                }

                break;
        }
    }

    private static void PatchMapping(YamlMappingNode mapping, int[] counts)
    {
        var nullable = new YamlScalarNode("nullable");
        var type = new YamlScalarNode("type");

        // 1. A type-less "nullable: true" makes Prism skip body validation of the whole operation; it means nothing without a type.
        if (mapping.Children.TryGetValue(nullable, out var value) && value is YamlScalarNode { Value: "true" } && !mapping.Children.ContainsKey(type))
        {
            mapping.Children.Remove(nullable);
            counts[0]++;
        }

        // 2. Overlapping oneOf alternatives (RoleBasedTask, filter values) reject valid payloads; anyOf is what they mean.
        var oneOf = new YamlScalarNode("oneOf");
        if (mapping.Children.TryGetValue(oneOf, out var alternatives))
        {
            mapping.Children.Remove(oneOf);
            mapping.Children[new YamlScalarNode("anyOf")] = alternatives;
            counts[1]++;

            // The filter value is "type: object" around string/number/boolean alternatives, so numbers fail; the alternatives say it all.
            if (mapping.Children.TryGetValue(type, out var outer) && outer is YamlScalarNode { Value: "object" }
                && alternatives is YamlSequenceNode branches
                && branches.Children.OfType<YamlMappingNode>().Any(b => b.Children.TryGetValue(type, out var t) && t is YamlScalarNode { Value: not "object" }))
            {
                mapping.Children.Remove(type);
            }
        }

        // 3. Patterned strings without an example make Prism's generated answers fail its own validation.
        if (mapping.Children.TryGetValue(new YamlScalarNode("pattern"), out var pattern) && pattern is YamlScalarNode { Value: { } regex }
            && !mapping.Children.ContainsKey(new YamlScalarNode("example")))
        {
            mapping.Children[new YamlScalarNode("example")] = new YamlScalarNode(regex == @"^\d+$" ? "1" : "0.5") { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
            counts[2]++;
        }

        // 4. Data Manager filter and ordering columns are closed enums of built-ins; the server also takes tasks:data.<field>.
        var enumKey = new YamlScalarNode("enum");
        if (mapping.Children.TryGetValue(enumKey, out var values) && values is YamlSequenceNode list
            && list.Children.OfType<YamlScalarNode>().Any(v => v.Value is { } s && (s.StartsWith("filter:tasks:", StringComparison.Ordinal) || s.StartsWith("tasks:", StringComparison.Ordinal))))
        {
            mapping.Children.Remove(enumKey);
            counts[3]++;
        }
    }

    private static int RelaxImportBody(YamlMappingNode root)
    {
        // 5. Import takes bare data objects, multipart files and url forms; the spec types all three as ImportApiRequest arrays.
        var paths = (YamlMappingNode)root.Children[new YamlScalarNode("paths")];
        var relaxed = 0;
        foreach (var path in new[] { "/api/projects/{id}/import" })
        {
            var post = (YamlMappingNode)((YamlMappingNode)paths.Children[new YamlScalarNode(path)]).Children[new YamlScalarNode("post")];
            var content = (YamlMappingNode)((YamlMappingNode)post.Children[new YamlScalarNode("requestBody")]).Children[new YamlScalarNode("content")];
            foreach (var mediaType in content.Children.Values.OfType<YamlMappingNode>())
            {
                var isJson = ReferenceEquals(mediaType, content.Children[new YamlScalarNode("application/json")]);
                mediaType.Children[new YamlScalarNode("schema")] = isJson
                    ? new YamlMappingNode(new YamlScalarNode("type"), new YamlScalarNode("array"), new YamlScalarNode("items"), new YamlMappingNode(new YamlScalarNode("type"), new YamlScalarNode("object")))
                    : new YamlMappingNode(new YamlScalarNode("type"), new YamlScalarNode("object"));
                relaxed++;
            }
        }

        return relaxed;
    }
}
