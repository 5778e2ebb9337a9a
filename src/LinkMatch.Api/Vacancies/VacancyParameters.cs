using Dapper;

namespace LinkMatch.Api.Vacancies;

/// <summary>The SQL parameters of a vacancy's terms, as posting and amending write them.</summary>
internal static class VacancyParameters
{
    public static DynamicParameters Of(VacancyTerms terms)
    {
        var p = new DynamicParameters();
        p.Add("Title", terms.Title.Trim());
        p.Add("OccupationCode", terms.OccupationCode);
        p.Add("Description", terms.Description);
        p.Add("MinEducation", terms.MinEducation);
        p.Add("MinExperienceYears", terms.MinExperienceYears);
        p.Add("AgeMin", terms.AgeMin);
        p.Add("AgeMax", terms.AgeMax);
        p.Add("Sex", terms.Sex);
        p.Add("WorkRegionCode", terms.WorkRegionCode);
        p.Add("Openings", terms.Openings);
        p.Add("WageMin", terms.WageMin);
        p.Add("WageMax", terms.WageMax);
        p.Add("ContractType", terms.ContractType);
        p.Add("ApprenticeshipMonths", terms.ApprenticeshipMonths);
        p.Add("Stipend", terms.Stipend);
        p.Add("OpensOn", terms.OpensOn);
        p.Add("ClosesOn", terms.ClosesOn);
        return p;
    }
}
