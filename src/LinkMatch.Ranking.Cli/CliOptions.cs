using System.Globalization;

namespace LinkMatch.Ranking.Cli;

/// <summary>"--name value" pairs (and bare flags), each option at most once; every option must be read.</summary>
internal sealed class CliOptions
{
    private static readonly HashSet<string> Flags = ["--quiet"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public static CliOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new CliOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                throw new UsageException($"expected an option, found '{name}'");
            }

            var value = "true";
            if (!Flags.Contains(name))
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"{name} needs a value");
                }

                value = args[++i];
            }

            if (!options._values.TryAdd(name, value))
            {
                throw new UsageException($"{name} given twice");
            }
        }

        return options;
    }

    public string Required(string name) => Optional(name) ?? throw new UsageException($"{name} is required");

    public string? Optional(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public bool Flag(string name) => Optional(name) is not null;

    public int Int(string name, int fallback)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{name} must be a whole number, not '{text}'");
    }

    public double Double(string name, double fallback)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UsageException($"{name} must be a number, not '{text}'");
    }


    /// <summary>Fails on any option the command did not ask for (a typo should not pass silently).</summary>
    public void RejectUnread()
    {
        foreach (var name in _values.Keys)
        {
            if (!_read.Contains(name))
            {
                throw new UsageException($"unknown option {name}");
            }
        }
    }
}
