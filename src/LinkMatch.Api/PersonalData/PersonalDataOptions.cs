using Microsoft.Extensions.Options;

namespace LinkMatch.Api.PersonalData;

/// <summary>Keys that protect NIK, phone and e-mail. They live in configuration (environment, secrets store),
/// never in the database. Keys are numbered so they can be rotated: new data uses the active key, old data stays
/// readable until <c>rotate-keys</c> rewrites it.</summary>
public sealed class PersonalDataOptions
{
    /// <summary>AES-256-GCM keys by number (1–255), base64 of 32 bytes: <c>PersonalData__EncryptionKeys__1</c>.</summary>
    public Dictionary<string, string> EncryptionKeys { get; set; } = [];

    /// <summary>Which encryption key new data uses; the highest number when unset.</summary>
    public int? ActiveEncryptionKey { get; set; }

    /// <summary>HMAC-SHA256 keys for blind indexes by number, base64 of 32 bytes.</summary>
    public Dictionary<string, string> BlindIndexKeys { get; set; } = [];

    public int? ActiveBlindIndexKey { get; set; }
}

internal sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        var failures = new List<string>();
        Check(options.EncryptionKeys, options.ActiveEncryptionKey, "EncryptionKeys", failures);
        Check(options.BlindIndexKeys, options.ActiveBlindIndexKey, "BlindIndexKeys", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(Dictionary<string, string> keys, int? active, string section, List<string> failures)
    {
        if (keys.Count == 0)
        {
            failures.Add($"PersonalData:{section} needs at least one key (environment: PersonalData__{section}__1=<base64 of 32 random bytes>).");
            return;
        }

        foreach (var (id, value) in keys)
        {
            if (!byte.TryParse(id, out var n) || n == 0)
            {
                failures.Add($"PersonalData:{section}:{id}: key numbers run from 1 to 255.");
            }

            if (!IsKey(value))
            {
                failures.Add($"PersonalData:{section}:{id} must be base64 of exactly 32 bytes.");
            }
        }

        if (active is { } a && !keys.ContainsKey(a.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            failures.Add($"PersonalData:Active{section[..^1]} names key {a}, which is not configured.");
        }
    }

    private static bool IsKey(string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }
}
