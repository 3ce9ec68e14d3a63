using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Perstack.App.Tui.Driver;
using Perstack.TestKit.Files;
using Perstack.TestKit.Processes;
using Terminal.Gui.Configuration;

namespace Perstack.Tests.App.Tui.Driver;

/// <summary>
/// Terminal.Gui's configuration reaches the workbench in both builds: under the JIT its module initializer applies it;
/// the Native AOT binary empties that initializer and applies it when the workbench starts and the user configured
/// Terminal.Gui. A theme chosen in <c>TUI_CONFIG</c> or in <c>./.tui/config.json</c> shows in the frame; without them the
/// library's defaults are what its settings hold already, which is checked here against its embedded configuration.
/// </summary>
[TestFixture]
public sealed class TerminalGuiConfigurationTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    // The frame's colour in the library's "Green Phosphor" theme (its default theme draws the frame in the terminal's colour).
    private const string GreenPhosphorFrame = "\u001b[38;2;0;255;102m";

    [Test]
    public void Under_the_JIT_the_library_has_applied_it_before_any_test_ran()
    {
        TerminalGuiConfiguration.IsBuilt.Should().BeTrue("the module initializer ran, and the field it is read from exists");

        TerminalGuiConfiguration.EnsureApplied();

        TerminalGuiConfiguration.IsBuilt.Should().BeTrue();
    }

    [Test]
    public void The_library_defaults_are_what_its_settings_hold_already()
    {
        using var stream = typeof(TuiConfigurationBuilder).Assembly.GetManifestResourceStream("Terminal.Gui.Resources.config.json");
        var defaults = JsonNode.Parse(stream!, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();

        defaults.Select(p => p.Key).Should().BeEquivalentTo("$schema", "Key", "Driver", "Application", "PopoverMenu", "Themes");
        Only(defaults, "Key", "Separator").Should().Be("+");
        new KeySettings().Separator.ToString().Should().Be("+");
        Only(defaults, "Driver", "Force16Colors").Should().Be("false");
        new DriverSettings().Force16Colors.Should().BeFalse();
        Only(defaults, "Application", "IsMouseDisabled").Should().Be("false");
        new ApplicationSettings().IsMouseDisabled.Should().BeFalse();
        Only(defaults, "PopoverMenu", "DefaultKey").Should().Be("Shift+F10");
        new PopoverMenuSettings().DefaultKey.ToString().Should().Be("Shift+F10");
        new ThemeSettings().Theme.Should().Be("Default", "the active theme by default");
        defaults["Themes"]!.AsObject().Select(p => p.Key).Should().NotContain("Default", "no theme overrides the defaults until one is chosen");
    }

    // The one value of a section, which must have no other.
    private static string Only(JsonObject defaults, string section, string key)
    {
        defaults[section]!.AsObject().Select(p => p.Key).Should().Equal(key);
        var value = defaults[section]![key]!;
        return value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
    }

    [Test]
    public void Perstack_embeds_no_Terminal_Gui_configuration() =>
        typeof(TerminalGuiConfiguration).Assembly.GetManifestResourceNames().Should().NotContain(name => name.EndsWith("config.json", StringComparison.Ordinal));

    [Test]
    public void The_user_configured_Terminal_Gui_with_its_variable_or_a_tui_file()
    {
        using var home = new TempDirectory();
        using var current = new TempDirectory();
        string? variable = null;
        bool Configured() => TerminalGuiConfiguration.UserConfigured(home.Path, current.Path, name => name == "TUI_CONFIG" ? variable : null);

        Configured().Should().BeFalse();
        variable = "  ";
        Configured().Should().BeFalse("a blank variable configures nothing");
        variable = "{}";
        Configured().Should().BeTrue();
        variable = null;

        foreach (var (folder, name) in new[] { (home.Path, "config.json"), (current.Path, "config.json"), (home.Path, "perstack.config.json"), (current.Path, "perstack.config.json") })
        {
            var file = Path.Combine(folder, ".tui", name);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "{}");
            Configured().Should().BeTrue(file);
            File.Delete(file);
            Configured().Should().BeFalse();
        }
    }

    [Test]
    [Category(TestCategories.ChildProcess)]
    public Task A_theme_in_TUI_CONFIG_colours_the_workbench() => ThemedAsync(nativeBinary: null, inFile: false);

    [Test]
    [Category(TestCategories.NativeAot)]
    public Task A_theme_in_TUI_CONFIG_colours_the_native_workbench() => ThemedAsync(PerstackProcess.NativeBinaryOrIgnore(), inFile: false);

    [Test]
    [Category(TestCategories.NativeAot)]
    public Task A_theme_in_a_tui_file_colours_the_native_workbench() => ThemedAsync(PerstackProcess.NativeBinaryOrIgnore(), inFile: true);

    [Test]
    [Category(TestCategories.ChildProcess)]
    public Task A_broken_TUI_CONFIG_is_named_on_the_message_line() => BrokenAsync(nativeBinary: null);

    [Test]
    [Category(TestCategories.NativeAot)]
    public Task A_broken_TUI_CONFIG_is_named_on_the_native_message_line() => BrokenAsync(PerstackProcess.NativeBinaryOrIgnore());

    // The library skips what it cannot parse without a word; the workbench still opens, in the default colours.
    private static async Task BrokenAsync(string? nativeBinary)
    {
        TerminalSession.RequireOrIgnore();

        await using var workspace = RunWorkspace.Create();
        Fixture.CopyTo(Fixture.Root, workspace.Store);
        workspace.Environment["TUI_CONFIG"] = """{ "Theme": "Green Phosphor" """;

        using var terminal = TerminalSession.StartWith(workspace, ignoreHangup: false, nativeBinary, "start");

        (await terminal.WaitForOutputAsync("(job-fixed-0001)", Limit)).Should().BeTrue("the history lists the fixture's jobs");
        (await terminal.WaitForOutputAsync("Terminal.Gui configuration ignored: ", Limit)).Should().BeTrue("the message line says the setting was not used");
        await terminal.TypeAsync("q");
        (await terminal.WaitForExitAsync(Limit)).Should().Be(0);
    }

    private static async Task ThemedAsync(string? nativeBinary, bool inFile)
    {
        TerminalSession.RequireOrIgnore();

        await using var workspace = RunWorkspace.Create();
        Fixture.CopyTo(Fixture.Root, workspace.Store);
        const string theme = """{ "Theme": "Green Phosphor" }""";
        if (inFile)
        {
            Directory.CreateDirectory(Path.Combine(workspace.Directory, ".tui"));
            File.WriteAllText(Path.Combine(workspace.Directory, ".tui", "config.json"), theme);
        }
        else
        {
            workspace.Environment["TUI_CONFIG"] = theme;
        }

        using var terminal = TerminalSession.StartWith(workspace, ignoreHangup: false, nativeBinary, "start");
        (await terminal.WaitForOutputAsync("(job-fixed-0001)", Limit)).Should().BeTrue("the history lists the fixture's jobs");

        (await terminal.WaitForOutputAsync(GreenPhosphorFrame, Limit)).Should().BeTrue("the frame is drawn in the chosen theme's colour");

        await terminal.TypeAsync("q");
        (await terminal.WaitForExitAsync(Limit)).Should().Be(0);
    }
}
