package story

import "strings"

// demonyms gives the country of the words that name its people or what is
// theirs, so that the two are one term and one name: one headline has
// "Russian troops", another "Russia's troops", and both report the same
// move. Each pair is "demonym country"; a demonym that takes an s for its
// people ("Afghans", "Britons") takes it here too. Words read as often as
// something else ("Pole") and countries of more than one word are left
// out.
var demonyms = demonymTable(`
afghan afghanistan, albanian albania, algerian algeria, american america, angolan angola,
argentine argentina, argentinian argentina, armenian armenia, australian australia,
austrian austria, azerbaijani azerbaijan, bahraini bahrain, bangladeshi bangladesh,
belarusian belarus, belgian belgium, bolivian bolivia, bosnian bosnia, brazilian brazil,
british britain, briton britain, bulgarian bulgaria, burmese myanmar, burma myanmar,
cambodian cambodia, cameroonian cameroon, canadian canada, chilean chile, chinese china,
colombian colombia, congolese congo, croatian croatia, cuban cuba, cypriot cyprus,
danish denmark, dane denmark, dutch netherlands, ecuadorian ecuador, egyptian egypt,
emirati emirates, english england, eritrean eritrea, estonian estonia, ethiopian ethiopia,
european europe, filipino philippines, philippine philippines, finnish finland, finn finland,
french france, georgian georgia, german germany, ghanaian ghana, greek greece,
guatemalan guatemala, haitian haiti, honduran honduras, hungarian hungary, icelandic iceland,
indian india, indonesian indonesia, iranian iran, iraqi iraq, irish ireland, israeli israel,
italian italy, jamaican jamaica, japanese japan, jordanian jordan, kazakh kazakhstan,
kenyan kenya, korean korea, kosovar kosovo, kuwaiti kuwait, kyrgyz kyrgyzstan, latvian latvia,
lebanese lebanon, liberian liberia, libyan libya, lithuanian lithuania, malaysian malaysia,
malian mali, maltese malta, mexican mexico, moldovan moldova, mongolian mongolia,
moroccan morocco, mozambican mozambique, nepali nepal, nepalese nepal, nigerian nigeria,
norwegian norway, pakistani pakistan, palestinian palestine, panamanian panama,
paraguayan paraguay, peruvian peru, polish poland, portuguese portugal, qatari qatar,
romanian romania, russian russia, rwandan rwanda, scottish scotland, scot scotland,
senegalese senegal, serbian serbia, serb serbia, singaporean singapore, slovak slovakia,
slovenian slovenia, somali somalia, spanish spain, spaniard spain, sudanese sudan,
swedish sweden, swede sweden, swiss switzerland, syrian syria, taiwanese taiwan,
tajik tajikistan, tanzanian tanzania, thai thailand, tibetan tibet, tunisian tunisia,
turkish turkey, turk turkey, turkmen turkmenistan, ugandan uganda, ukrainian ukraine,
uruguayan uruguay, uzbek uzbekistan, venezuelan venezuela, vietnamese vietnam, welsh wales,
yemeni yemen, zambian zambia, zimbabwean zimbabwe`)

// demonymTable reads pairs "demonym country", separated by commas, and adds
// the plural of each demonym that names people: every one but those ending
// in -ese, -sh, -ch or -ss, which stay as they are ("the Chinese"), and
// "burma", which is a place.
func demonymTable(pairs string) map[string]string {
	m := map[string]string{}
	for _, p := range strings.Split(pairs, ",") {
		f := strings.Fields(p)
		if len(f) != 2 {
			panic("story: demonym pair " + p)
		}
		demonym, country := f[0], f[1]
		m[demonym] = country
		switch {
		case demonym == "burma", strings.HasSuffix(demonym, "ese"), strings.HasSuffix(demonym, "sh"),
			strings.HasSuffix(demonym, "ch"), strings.HasSuffix(demonym, "ss"):
		default:
			m[demonym+"s"] = country
		}
	}
	return m
}

// isCountry reports whether key, a word in lower case, is a country of
// demonyms: a place on its own, never the last word of another name's
// bearer.
func isCountry(key string) bool {
	flags, _ := common.get(hashBytes(key))
	return flags&flagCountry != 0
}
