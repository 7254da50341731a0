"""The words the synthetic PAF's addresses are made of, as data.

Streets, localities, house and building names, organisations and their departments. Each is a
tuple in a fixed order, so the same seed always picks the same words: reordering one changes the
generated file.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.split()))  # in order, each once


# --- Streets --------------------------------------------------------------------------------------
# The most common street names come first and are picked most often.
STREET_NAMES = words(
    "Church Station Park Victoria Manor Mill School Queens Kings Grange Green New North South "
    "West Chapel Albert Springfield Windsor York Highfield Orchard Meadow Elm Oak Beech Cedar "
    "Abbey Acorn Albany Albert Albion Alder Alexandra Alma Ash Ashfield Ashley Aspen Avondale "
    "Badger Balmoral Bank Barley Barn Beacon Beaumont Beech Beechwood Belgrave Belmont Birch "
    "Blackberry Blenheim Bluebell Bramble Bridge Brighton Broad Brook Brookfield Brunswick "
    "Buckingham Burns Byron Cambridge Canal Carlton Castle Cavendish Cedar Chapel Charles "
    "Chatsworth Chaucer Cherry Chester Chestnut Church Clarence Claremont Clifton Coronation "
    "Cromwell Cross Dale Darwin Derby Devonshire Dorset Douglas Dove Downs Duke Elm Elmfield "
    "Ennerdale Exeter Fairfield Fairway Falcon Farm Fern Field Finch Forest Fountain Fox "
    "Garden George Gladstone Glebe Gloucester Grange Granville Green Greenfield Grosvenor "
    "Grove Hall Halifax Hamilton Hampden Hampton Harcourt Harrow Hawthorn Hazel Heath Heather "
    "Highfield Hill Hillside Holly Holme Howard Hunter Jubilee Keats Kennedy Kent King Kings "
    "Kingsway Laburnum Lancaster Larch Laurel Lawn Lea Leicester Lilac Lime Lincoln Linden "
    "Lodge Long Lord Lyndhurst Magnolia Malvern Manor Maple Marlborough Meadow Mill Milton "
    "Moor Mount Nelson New Newton Norfolk North Nursery Oak Oakfield Orchard Osborne Oxford "
    "Paddock Palmerston Park Parkside Peel Pembroke Pine Poplar Portland Primrose Prince "
    "Priory Prospect Queen Queens Raleigh Rectory Regent Richmond Ridge River Riverside "
    "Robin Rose Rowan Royal Russell Rutland Sandringham School Selwyn Seymour Shakespeare "
    "Sherwood Shelley Silver Somerset South Spring Stanley Station Stone Sunnyside Sussex "
    "Sycamore Talbot Tennyson Thorn Tower Trafalgar Trinity Tudor Union Upper Valley Vicarage "
    "Victoria Vine Walnut Warwick Water Waterloo Wellington Wesley West Westfield Weston "
    "Willow Wilton Winchester Windermere Windsor Wood Woodland Woodlands Wordsworth Wren York"
)
DESCRIPTORS = (
    "Road",
    "Road",
    "Road",
    "Street",
    "Street",
    "Avenue",
    "Lane",
    "Close",
    "Close",
    "Drive",
    "Way",
    "Crescent",
    "Gardens",
    "Terrace",
    "Grove",
    "Place",
    "Court",
    "Mews",
    "Walk",
    "Rise",
    "View",
    "Hill",
    "Square",
    "Row",
    "Park",
    "Vale",
)
WHOLE_STREETS = (  # the commonest names in Britain, High Street above all
    "High Street",
    "High Street",
    "High Street",
    "High Street",
    "Main Street",
    "Main Street",
    "The Green",
    "The Avenue",
    "The Crescent",
    "The Drive",
    "The Close",
    "The Square",
    "Market Place",
    "Front Street",
    "Back Lane",
    "The Parade",
)
BUSINESS_STREETS = (
    "Enterprise Way",
    "Commerce Way",
    "Brunel Road",
    "Telford Road",
    "Stephenson Road",
    "Faraday Road",
    "Whittle Road",
    "Industrial Estate Road",
    "Business Park Way",
    "Harbour Road",
    "Wharf Road",
    "Mill Lane",
    "Station Road",
    "Trading Estate Road",
)
LOCALITIES = tuple(
    name.replace("_", " ")
    for name in words(
        "Ashby Barton Bradley Broughton Carlton Charlton Compton Easton Hinton Kingston Langley "
        "Middleton Milton Newton Norton Preston Stanton Stoke Sutton Thornton Walton Weston "
        "Whitley Wootton Ashton Bolton Clayton Denton Eaton Fulford Hatton Haxby Hutton Kirkby "
        "Marston Morton Oakley Radford Shipton Skelton Stapleford Sheriff_Hutton Acomb Heworth "
        "Headingley Roundhay Chapel_Allerton Moortown Horsforth Gosforth Jesmond Heaton Fenham "
        "Didsbury Chorlton Withington Levenshulme Fallowfield Edgbaston Harborne Moseley "
        "Kings_Heath Selly_Oak Clifton Redland Bishopston Southville Bedminster Morningside "
        "Leith Portobello Corstorphine Canton Roath Llandaff Penylan Mumbles Sketty Uplands "
        "Hampstead Highgate Hornsey Islington Stoke_Newington Walthamstow Leyton Woodford "
        "Chingford Tottenham Edmonton Southgate Finchley Hendon Mill_Hill Kilburn Willesden "
        "Great_Barton Little_Milton Long_Sutton Nether_Stowey Upper_Heyford Lower_Slaughter "
        "East_Hendred West_Kirby North_Ferriby South_Cave Church_Stretton Kings_Langley"
    )
)
HAMLETS = tuple(
    f"{prefix} {base}"
    for prefix in ("Upper", "Lower", "Little", "Great", "Nether", "Over")
    for base in ("Green", "End", "Street", "Common", "Heath", "Town", "Bridge", "Wood")
)
HOUSE_NAMES = (
    *(
        f"{first} {second}"
        for first in words(
            "Holly Rose Ivy Oak Ash Beech Willow Elm Hawthorn Laurel Meadow Orchard Brook Hill "
            "Mill Stone Fern Lavender Primrose Yew Heather Briar Cedar Chestnut Hazel Larch "
            "Maple Pine Rowan Sycamore Walnut Apple Cherry Swallow Badger"
        )
        for second in ("House", "Cottage", "Farm", "Lodge", "Barn", "Villa", "Croft", "View")
    ),
    "The Old Rectory",
    "The Old Vicarage",
    "The Old School House",
    "The Old Post Office",
    "The Bungalow",
    "The Coach House",
    "The Granary",
    "The Stables",
    "The Forge",
    "The Manse",
    "Glebe House",
    "Sunnyside",
    "Fairview",
    "Dunroamin",
    "Windy Ridge",
    "Brambles",
    "The Old Chapel",
    "The Barn House",
    "Meadow End",
    "Orchard View",
)
BLOCK_NAMES = tuple(
    f"{first} {second}"
    for first in words(
        "Riverside Victoria Albion Kingfisher Alexandra Wellington Jubilee Regent Clarence "
        "Baltic Cathedral Castle Park Quayside Canal Grosvenor Marlborough Sovereign Templar "
        "Oakwood Beechwood Heron Swan Merchant Mill Chapel Station Harbour Lancaster Priory"
    )
    for second in (
        "Court",
        "House",
        "Mill",
        "Lodge",
        "Point",
        "Heights",
        "Mansions",
        "Wharf",
        "Place",
        "Apartments",
        "Works",
        "Tower",
    )
)
ORG_FIRST = words(
    "Acme Apex Northern Premier Summit Phoenix Crown Heritage Meridian Pioneer Sterling "
    "Vanguard Atlas Beacon Castle Dale Evergreen Granite Harbour Keystone Lakeside Oakfield "
    "Pennine Riverside Sovereign Trident Unity Valley Westfield Zenith Albion Britannia "
    "Cobalt Delta Eagle Falcon Horizon Kestrel Lynx Mercury Nova Orion Quantum Redwood "
    "Saxon Thames Vertex Wessex Yorkshire Caledonian Cambrian Mercia Anglia Severn Tyne"
)
ORG_KIND = (
    "Engineering Ltd",
    "Logistics Ltd",
    "Solicitors",
    "Dental Practice",
    "Accountants",
    "Motors",
    "Plumbing & Heating Ltd",
    "Construction Ltd",
    "Veterinary Surgery",
    "Estate Agents",
    "Print Ltd",
    "Bakery",
    "Pharmacy",
    "Hair Studio",
    "Garage",
    "Insurance Services Ltd",
    "Building Supplies Ltd",
    "Fabrications Ltd",
    "Foods Ltd",
    "Textiles Ltd",
    "Plastics Ltd",
    "Software Ltd",
    "Electrical Ltd",
    "Joinery Ltd",
    "Opticians",
    "Florists",
    "Cafe",
    "Fish Bar",
    "Tyres Ltd",
    "Carpets Ltd",
)
ORG_SPECIAL = (
    "Smith, Jones & Co",
    "Harris, Webb & Partners",
    "Patel & Sons Ltd",
    "Brown & Green LLP",
    "The Red Lion",
    "The Royal Oak",
    "The Crown Inn",
    "St. Mary's Church",
    "Parkside Medical Centre",
    "Greenfield Primary School",
    "Village Hall",
    "Post Office",
    "Community Centre",
    "Scout Hut",
)
LARGE_USERS = (
    "City Council",
    "Borough Council",
    "County Council",
    "General Hospital",
    "University",
    "College",
    "Water Ltd",
    "Building Society",
    "Bank plc",
    "Insurance plc",
    "Distribution Centre",
    "Mail Order Ltd",
    "Housing Association",
    "Energy Ltd",
)
DEPARTMENTS = (
    "Accounts Department",
    "Goods Inwards",
    "Human Resources",
    "Customer Services",
    "Finance Department",
    "Post Room",
    "Estates Department",
    "Payroll",
    "Admissions",
    "Legal Services",
)
FLAT_WORDS = ("Flat", "Flat", "Flat", "Apartment")
