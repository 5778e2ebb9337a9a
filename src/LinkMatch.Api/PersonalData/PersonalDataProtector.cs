using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.PersonalData;

/// <summary>The kinds of protected value; each is bound into its ciphertext and hash, so values cannot be swapped
/// between columns.</summary>
public enum PersonalField
{
    Nik,
    Phone,
    Email,
}

/// <summary>Encrypts personal data with AES-256-GCM and computes HMAC-SHA256 blind indexes for exact lookup.
/// Ciphertext: version (1) · key number · 12-byte nonce · 16-byte tag · data. Blind index: key number · 32-byte MAC.</summary>
public sealed class PersonalDataProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<byte, byte[]> encryptionKeys;
    private readonly Dictionary<byte, byte[]> blindKeys;
    private readonly byte activeEncryption;
    private readonly byte activeBlind;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        var o = options.Value;
        encryptionKeys = Parse(o.EncryptionKeys);
        blindKeys = Parse(o.BlindIndexKeys);
        activeEncryption = (byte)(o.ActiveEncryptionKey ?? encryptionKeys.Keys.Max());
        activeBlind = (byte)(o.ActiveBlindIndexKey ?? blindKeys.Keys.Max());
    }

    public byte ActiveEncryptionKey => activeEncryption;

    public byte ActiveBlindIndexKey => activeBlind;

    public byte[] Encrypt(PersonalField field, string plaintext)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[2 + NonceSize + TagSize + data.Length];
        output[0] = FormatVersion;
        output[1] = activeEncryption;
        var nonce = output.AsSpan(2, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKeys[activeEncryption], TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(2 + NonceSize + TagSize), output.AsSpan(2 + NonceSize, TagSize),
            AssociatedData(field));
        return output;
    }

    public string Decrypt(PersonalField field, byte[] ciphertext)
    {
        if (ciphertext.Length < 2 + NonceSize + TagSize || ciphertext[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown personal-data ciphertext format.");
        }

        if (!encryptionKeys.TryGetValue(ciphertext[1], out var key))
        {
            throw new CryptographicException($"Personal-data encryption key {ciphertext[1]} is not configured.");
        }

        var data = new byte[ciphertext.Length - 2 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(ciphertext.AsSpan(2, NonceSize), ciphertext.AsSpan(2 + NonceSize + TagSize),
            ciphertext.AsSpan(2 + NonceSize, TagSize), data, AssociatedData(field));
        return Encoding.UTF8.GetString(data);
    }

    public string? DecryptOrNull(PersonalField field, byte[]? ciphertext) =>
        ciphertext is null ? null : Decrypt(field, ciphertext);

    /// <summary>The blind index under the active key, for storing.</summary>
    public byte[] BlindIndex(PersonalField field, string normalized) => BlindIndex(field, normalized, activeBlind);

    /// <summary>Every blind index the value may be stored under (one per configured key), for lookups during a
    /// key rotation.</summary>
    public byte[][] BlindIndexCandidates(PersonalField field, string normalized) =>
        blindKeys.Keys.Select(k => BlindIndex(field, normalized, k)).ToArray();

    private byte[] BlindIndex(PersonalField field, string normalized, byte keyId)
    {
        var output = new byte[33];
        output[0] = keyId;
        var message = Encoding.UTF8.GetBytes($"{field}:{normalized}");
        HMACSHA256.HashData(blindKeys[keyId], message, output.AsSpan(1));
        return output;
    }

    private static byte[] AssociatedData(PersonalField field) =>
        Encoding.UTF8.GetBytes($"linkmatch:{field.ToString().ToLowerInvariant()}");

    private static Dictionary<byte, byte[]> Parse(Dictionary<string, string> keys) =>
        keys.ToDictionary(k => byte.Parse(k.Key, CultureInfo.InvariantCulture), k => Convert.FromBase64String(k.Value));
}
