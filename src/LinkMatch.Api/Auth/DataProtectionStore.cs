using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Dapper;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Auth;

/// <summary>The keys that sign bearer tokens live in PostgreSQL, so every instance accepts the same tokens and a
/// restart signs nobody out. They are stored encrypted with a key derived from the personal-data encryption keys
/// (configuration, never the database), so a copy of the database cannot mint tokens.</summary>
public static class DataProtectionStore
{
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("linkmatch");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>());
            o.XmlEncryptor = new KeyRingEncryptor(sp.GetRequiredService<IOptions<PersonalDataOptions>>());
        }));
        return services;
    }

    private sealed class PostgresXmlRepository(NpgsqlDataSource db) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var conn = db.OpenConnection();
            return conn.Query<string>("select xml from data_protection_keys order by id").Select(XElement.Parse).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var conn = db.OpenConnection();
            conn.Execute("""
                insert into data_protection_keys (friendly_name, xml) values (@friendlyName, @xml)
                on conflict (friendly_name) do nothing
                """, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
        }
    }

    /// <summary>Re-encrypts every stored key-ring element under the active personal-data key, so that an old key
    /// can be removed from configuration without signing everybody out. Returns how many were rewritten.</summary>
    public static async Task<int> RewrapKeyRingAsync(NpgsqlDataSource db, IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<PersonalDataOptions>>();
        var encryptor = new KeyRingEncryptor(options);
        var decryptor = new KeyRingDecryptor(services);
        var active = ActiveKeyId(options.Value);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(long Id, string Xml)>("select id, xml from data_protection_keys");
        var rewritten = 0;
        foreach (var (id, xml) in rows)
        {
            var root = XElement.Parse(xml);
            var stale = root.Descendants("encryptedKey").Where(e => (string?)e.Attribute("keyId") != active).ToList();
            foreach (var element in stale)
            {
                element.ReplaceWith(encryptor.Encrypt(decryptor.Decrypt(element)).EncryptedElement);
            }

            if (stale.Count > 0)
            {
                await conn.ExecuteAsync(new CommandDefinition("update data_protection_keys set xml = @xml where id = @id",
                    new { id, xml = root.ToString(SaveOptions.DisableFormatting) }, cancellationToken: ct));
                rewritten++;
            }
        }

        return rewritten;
    }

    private static string ActiveKeyId(PersonalDataOptions o) =>
        o.ActiveEncryptionKey?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        ?? o.EncryptionKeys.Keys.OrderBy(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).Last();

    private static byte[] DeriveKey(IOptions<PersonalDataOptions> options, string keyId)
    {
        var master = Convert.FromBase64String(options.Value.EncryptionKeys[keyId]);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.UTF8.GetBytes("linkmatch:key-ring"));
    }

    private sealed class KeyRingEncryptor(IOptions<PersonalDataOptions> options) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            var keyId = ActiveKeyId(options.Value);
            var data = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var nonce = RandomNumberGenerator.GetBytes(12);
            var tag = new byte[16];
            var cipher = new byte[data.Length];
            using (var aes = new AesGcm(DeriveKey(options, keyId), 16))
            {
                aes.Encrypt(nonce, data, cipher, tag);
            }

            var element = new XElement("encryptedKey",
                new XAttribute("keyId", keyId),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(cipher)));
            return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
        }
    }

    /// <summary>Data Protection creates decryptors by type name, passing only the service provider.</summary>
    internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        private readonly IOptions<PersonalDataOptions> options = services.GetRequiredService<IOptions<PersonalDataOptions>>();

        public XElement Decrypt(XElement encryptedElement)
        {
            var keyId = (string)encryptedElement.Attribute("keyId")!;
            var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
            var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
            var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
            var plain = new byte[cipher.Length];
            using var aes = new AesGcm(DeriveKey(options, keyId), 16);
            aes.Decrypt(nonce, cipher, tag, plain);
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
    }
}
