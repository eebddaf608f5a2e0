using System.Reflection;

// Prints the LabelStudio .NET packages this program resolved from the package feed, with their versions.
string[] packages = ["LabelStudio.Config", "LabelStudio.Formats", "LabelStudio.Client", "LabelStudio.MlBackend"];
foreach (var name in packages)
{
    var assembly = Assembly.Load(new AssemblyName(name));
    var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
    Console.WriteLine($"{name} {version.Split('+')[0]}");
}
