using LinkMatch.Api.PersonalData;
using Npgsql;
using T = NpgsqlTypes.NpgsqlDbType;

namespace LinkMatch.Api.Demo;

public sealed partial class DemoLoader
{
    private async Task WriteSeekersAsync(NpgsqlConnection conn, DemoWorld w, Func<int, long> seeker, Func<int, long> office,
        Dictionary<string, long> units, CancellationToken ct)
    {
        // Encrypting 5,000 people's data is the slow part; do it on every core.
        var protectedData = new (byte[] Nik, byte[] NikHash, byte[] Phone, byte[] PhoneHash, byte[]? Email, byte[]? EmailHash)[w.Seekers.Count];
        Parallel.For(0, w.Seekers.Count, i =>
        {
            var s = w.Seekers[i];
            var phone = Contact.NormalizePhone(s.Phone)!;
            var email = Contact.NormalizeEmail(s.Email);
            protectedData[i] = (protector.Encrypt(PersonalField.Nik, s.Nik), protector.BlindIndex(PersonalField.Nik, s.Nik),
                protector.Encrypt(PersonalField.Phone, phone), protector.BlindIndex(PersonalField.Phone, phone),
                email is null ? null : protector.Encrypt(PersonalField.Email, email),
                email is null ? null : protector.BlindIndex(PersonalField.Email, email));
        });

        await Copy.RowsAsync(conn, """
            copy seekers (id, office_id, ak1_number, nik_cipher, nik_hash, nik_region, full_name, birth_date, sex,
                          education_level, education_major, region_code, phone_cipher, phone_hash, email_cipher, email_hash,
                          disability, expected_wage, willing_to_relocate, status, registered_on, last_reported_on)
            from stdin (format binary)
            """, w.Seekers.Select((s, i) => (s, p: protectedData[i])), x =>
            [
                (seeker(x.s.Id), T.Bigint), (office(x.s.OfficeId), T.Bigint), (x.s.Ak1Number, T.Text), (x.p.Nik, T.Bytea),
                (x.p.NikHash, T.Bytea), (x.s.Nik[..6], T.Text), (x.s.FullName, T.Text), (x.s.BirthDate, T.Date),
                (x.s.Sex, T.Text), (x.s.Education, T.Text), (x.s.Major, T.Text), (x.s.Region, T.Text), (x.p.Phone, T.Bytea),
                (x.p.PhoneHash, T.Bytea), (x.p.Email, T.Bytea), (x.p.EmailHash, T.Bytea), (x.s.Disability, T.Text),
                (x.s.ExpectedWage, T.Bigint), (x.s.WillingToRelocate, T.Boolean),
                (x.s.PlacedOn is not null ? "placed" : x.s.Inactive ? "inactive" : "active", T.Text),
                (x.s.RegisteredOn, T.Date), (x.s.LastReportedOn, T.Date),
            ], ct);
        await Copy.RowsAsync(conn, "copy seeker_preferred_occupations (seeker_id, occupation_code) from stdin (format binary)",
            w.Seekers.SelectMany(s => s.PreferredOccupations.Select(o => (s.Id, o))),
            x => [(seeker(x.Id), T.Bigint), (x.o, T.Text)], ct);
        await Copy.RowsAsync(conn, "copy seeker_preferred_regions (seeker_id, region_code) from stdin (format binary)",
            w.Seekers.SelectMany(s => s.PreferredRegions.Select(r => (s.Id, r))),
            x => [(seeker(x.Id), T.Bigint), (x.r, T.Text)], ct);
        await Copy.RowsAsync(conn, "copy seeker_competencies (seeker_id, competency_id, level, evidence, years, source) from stdin (format binary)",
            w.Seekers.SelectMany(s => s.Units.Select(u => (s.Id, u.Key, u.Value))),
            x => [(seeker(x.Id), T.Bigint), (units[x.Key], T.Bigint), (x.Value.Level, T.Smallint), (x.Value.Evidence, T.Text),
                (x.Value.Years, T.Numeric), (x.Value.Source, T.Text)], ct);
        // Consent is recorded at registration by the office, on the AK/1 form.
        await Copy.RowsAsync(conn, "copy seeker_consents (seeker_id, granted_at, channel, evidence, recorded_by) from stdin (format binary)",
            w.Seekers.Where(s => s.Consented),
            s => [(seeker(s.Id), T.Bigint), (s.RegisteredOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), T.TimestampTz),
                ("paper_form", T.Text), ($"Formulir AK/1 {s.Ak1Number}", T.Text), ("demo", T.Text)], ct);
    }

    private static async Task WriteVacanciesAsync(NpgsqlConnection conn, DemoWorld w, Func<int, long> vacancy,
        Func<int, long> employer, Func<int, long> mou, Func<int, long> office, Dictionary<string, long> units,
        CancellationToken ct)
    {
        await Copy.RowsAsync(conn, """
            copy vacancies (id, employer_id, mou_id, office_id, type, title, occupation_code, description, min_education,
                            min_experience_years, age_min, age_max, sex, work_region_code, openings, filled, wage_min,
                            wage_max, contract_type, apprenticeship_months, stipend, opens_on, closes_on, status,
                            filled_reported_at, closed_at, created_at)
            from stdin (format binary)
            """, w.Vacancies, v =>
            [
                (vacancy(v.Id), T.Bigint), (employer(v.EmployerId), T.Bigint), (mou(v.MouId), T.Bigint),
                (office(v.OfficeId), T.Bigint), (v.Type, T.Text), (v.Title, T.Text), (v.Occupation, T.Text),
                (v.Description, T.Text), (v.MinEducation, T.Text), (v.MinExperienceYears, T.Numeric), (v.AgeMin, T.Smallint),
                (v.AgeMax, T.Smallint), (v.Sex, T.Text), (v.Region, T.Text), (v.Openings, T.Integer), (v.Filled, T.Integer),
                (v.WageMin, T.Bigint), (v.WageMax, T.Bigint), (v.ContractType, T.Text), (v.ApprenticeshipMonths, T.Smallint),
                (v.Stipend, T.Bigint), (v.OpensOn, T.Date), (v.ClosesOn, T.Date), (v.Status, T.Text),
                (v.FilledReportedOn is { } reported ? At(reported) : null, T.TimestampTz),
                (v.Status == "closed" ? At(v.ClosesOn) : null, T.TimestampTz), (At(v.OpensOn), T.TimestampTz),
            ], ct);
        await Copy.RowsAsync(conn, "copy vacancy_competencies (vacancy_id, competency_id, mandatory, min_level) from stdin (format binary)",
            w.Vacancies.SelectMany(v => v.Requirements.Select(r => (v.Id, r))),
            x => [(vacancy(x.Id), T.Bigint), (units[x.r.Unit], T.Bigint), (x.r.Mandatory, T.Boolean), (x.r.MinLevel, T.Smallint)], ct);
    }

    private static DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
}
