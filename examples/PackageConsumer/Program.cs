using System.Reflection;
using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Serialization;

// Uses LabelStudio .NET as a NuGet package user does: the packages come from the feed, not from project references.
string[] packages = ["LabelStudio.Config", "LabelStudio.Formats", "LabelStudio.Client", "LabelStudio.MlBackend"];
foreach (var name in packages)
{
    var assembly = Assembly.Load(new AssemblyName(name));
    var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
    Console.WriteLine($"{name} {version.Split('+')[0]}");
}

var config = LabelConfig.Parse("""
    <View>
      <Image name="image" value="$image"/>
      <RectangleLabels name="label" toName="image"><Label value="Cat"/><Label value="Dog"/></RectangleLabels>
    </View>
    """);
var control = config.GetControl("label");
Console.WriteLine($"{control.Name}: {control.ResultType} [{string.Join(", ", control.LabelValues)}]");

var task = LabelStudioJson.DeserializeTask("""{"id": 1, "data": {"image": "/data/upload/1/cat.jpg"}}"""u8);
Console.WriteLine(Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(task)));
